/**
 * ONNX Runtime as a synchronous kernel library for the wasm backend's large convolutions. A tfjs kernel must
 * return its result, while onnxruntime-node's `InferenceSession.run` is a Promise around its binding's synchronous
 * run; this module uses that binding (`onnxruntime-node/dist/binding`, whose typings the package ships) directly.
 * When the package is missing or its binding does not look as expected, `kernelSessions()` is undefined and the
 * kernels keep their XNNPACK paths.
 */
import { createRequire } from 'node:module';
import type { OnnxGraph } from './onnx-graph.js';
import { sessionOptions } from './session-options.js';
import { disableOnnxRuntimeTelemetry } from './telemetry.js';

interface BindingTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface BindingSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  run(feeds: Record<string, BindingTensor>, fetches: Record<string, null>, options: object): Record<string, BindingTensor>;
  dispose(): void;
}
interface BindingModule {
  binding: { InferenceSession: new () => BindingSession };
  initOrt(): void;
}
type TensorConstructor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => BindingTensor;

export interface KernelFeed {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface KernelSessions {
  /** Runs the graph `build` makes (built once per `key`) on `feeds`; returns its output named `output`. */
  run(key: string, build: () => OnnxGraph, feeds: Readonly<Record<string, KernelFeed>>, output: string): Float32Array;
  /** Sessions open now. */
  readonly size: number;
}

/** Sessions kept open; a training run meets a few shapes per layer, so this bounds a long-lived process. */
const MAX_SESSIONS = 48;

function loadBinding(): { module: BindingModule; Tensor: TensorConstructor } | undefined {
  disableOnnxRuntimeTelemetry();
  try {
    const require = createRequire(import.meta.url);
    const fromPackage = createRequire(require.resolve('onnxruntime-node'));
    const module = fromPackage('./binding.js') as Partial<BindingModule>;
    const { Tensor } = fromPackage('onnxruntime-common') as { Tensor?: TensorConstructor };
    const Session = module.binding?.InferenceSession as unknown as { prototype?: Partial<BindingSession> } | undefined;
    if (typeof module.initOrt !== 'function' || typeof Tensor !== 'function' || typeof Session?.prototype?.run !== 'function'
      || typeof Session.prototype.loadModel !== 'function') return undefined;
    module.initOrt();
    return { module: module as BindingModule, Tensor };
  } catch {
    return undefined;
  }
}

function sessionsWith(loaded: NonNullable<ReturnType<typeof loadBinding>>): KernelSessions {
  const sessions = new Map<string, BindingSession>();
  // One thread, as the wasm backend beside it: ONNX Runtime cannot read threaded wasm's shared memory.
  const options = sessionOptions(1);
  const open = (key: string, build: () => OnnxGraph): BindingSession => {
    const bytes = build().serialise('moviebot-kernel');
    const session = new loaded.module.binding.InferenceSession();
    session.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, options);
    if (sessions.size >= MAX_SESSIONS) {
      const [oldest, evicted] = sessions.entries().next().value as [string, BindingSession];
      sessions.delete(oldest);
      evicted.dispose();
    }
    sessions.set(key, session);
    return session;
  };
  return {
    run(key, build, feeds, output) {
      const session = sessions.get(key) ?? open(key, build);
      const tensors = Object.fromEntries(Object.entries(feeds).map(([name, feed]) => [name, new loaded.Tensor('float32', feed.data, feed.dims)]));
      return session.run(tensors, { [output]: null }, {})[output]!.data as Float32Array;
    },
    get size() {
      return sessions.size;
    },
  };
}

/** Not yet looked for (null), unavailable (undefined), or this thread's sessions. */
let threadSessions: KernelSessions | undefined | null = null;

/** This thread's ONNX Runtime kernel sessions (one thread each), or undefined when onnxruntime-node is unavailable. */
export function kernelSessions(): KernelSessions | undefined {
  if (threadSessions === null) {
    const loaded = loadBinding();
    threadSessions = loaded === undefined ? undefined : sessionsWith(loaded);
  }
  return threadSessions;
}
