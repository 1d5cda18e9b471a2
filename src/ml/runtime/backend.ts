/**
 * Chooses the TensorFlow.js backend once at start-up: native GPU, native CPU, wasm, then pure-JS cpu.
 *
 * The native packages are optional dependencies whose install downloads libtensorflow, so their absence is the
 * normal case offline; wasm ships its binaries inside the npm package and is the usual result.
 *
 * @example
 * const backend = await initBackend(config.backend, (msg) => logger.info(msg)); // 'wasm' on most machines
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../../config.js';
import { registerWasmKernels } from './wasm-kernels/index.js';
import { wasmThreadCount, withWasmThreads } from './wasm-threads.js';

export type { BackendName };

const FALLBACK_ORDER: readonly BackendName[] = ['gpu', 'node', 'wasm', 'cpu'];

const NATIVE_PACKAGES: Readonly<Record<'gpu' | 'node', string>> = {
  gpu: '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

/** Backend names as tfjs registers them; both native packages register 'tensorflow'. */
const TF_BACKEND_NAMES: Readonly<Record<BackendName, string>> = {
  gpu: 'tensorflow',
  node: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

export class BackendUnavailableError extends Error {
  constructor(readonly backend: BackendName, readonly reason: string) {
    super(`TensorFlow.js backend "${backend}" was requested but cannot be used: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

/** Folder holding the .wasm binaries inside node_modules, so loading never needs the network. */
export function wasmBinariesDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

let wasmPathsSet = false;

async function loadNative(backend: 'gpu' | 'node'): Promise<void> {
  const specifier: string = NATIVE_PACKAGES[backend];
  try {
    // A variable specifier keeps TypeScript from requiring the optional package's types.
    await import(specifier);
  } catch (error) {
    throw new BackendUnavailableError(backend, `${specifier} did not load (${errorMessage(error)})`);
  }
}

async function activate(backend: BackendName, wasmThreads: number): Promise<void> {
  if (backend === 'gpu' || backend === 'node') await loadNative(backend);
  if (backend === 'wasm') {
    if (!wasmPathsSet) {
      setWasmPaths(wasmBinariesDir());
      wasmPathsSet = true;
    }
    registerWasmKernels();
  }
  const name = TF_BACKEND_NAMES[backend];
  let ready: boolean;
  try {
    ready = backend === 'wasm' ? await withWasmThreads(wasmThreads, () => tf.setBackend(name)) : await tf.setBackend(name);
  } catch (error) {
    throw new BackendUnavailableError(backend, errorMessage(error));
  }
  if (!ready || tf.getBackend() !== name) {
    throw new BackendUnavailableError(backend, `tf.setBackend('${name}') failed to initialise`);
  }
  await tf.ready();
}

/**
 * Activates `preference` (throwing {@link BackendUnavailableError} if it cannot load) or, without one, the first
 * backend of gpu, node, wasm, cpu that loads. Returns and logs the chosen backend. `wasmThreads` above 1 runs
 * wasm's XNNPACK kernels on that many threads (see wasm-threads.ts); training keeps 1, its workers use the cores.
 */
export async function initBackend(preference?: BackendName, log: (msg: string) => void = () => {}, wasmThreads = 1): Promise<BackendName> {
  if (preference !== undefined && !FALLBACK_ORDER.includes(preference)) {
    throw new BackendUnavailableError(preference, `expected one of ${FALLBACK_ORDER.join(', ')}`);
  }
  const candidates = preference === undefined ? FALLBACK_ORDER : [preference];
  for (const backend of candidates) {
    try {
      await activate(backend, wasmThreads);
      const threads = backend === 'wasm' ? `, ${wasmThreadCount()} thread(s)` : '';
      log(`TensorFlow.js backend: ${backend} (tf backend "${tf.getBackend()}"${threads})`);
      return backend;
    } catch (error) {
      if (preference !== undefined) throw error;
      const reason = error instanceof BackendUnavailableError ? error.reason : errorMessage(error);
      log(`TensorFlow.js backend ${backend} unavailable, trying the next: ${reason}`);
    }
  }
  throw new Error('No TensorFlow.js backend could be initialised (tried gpu, node, wasm, cpu)');
}
