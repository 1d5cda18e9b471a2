/**
 * XNNPACK on several threads in Node, for the wasm backend. tfjs ships a threaded wasm build but keeps it off in
 * Node (tfjs#3830) for two reasons this module works around:
 * - Emscripten starts each pthread worker from a `blob:` URL, which Node's `Worker` refuses. The same worker
 *   script ships in the package (`wasm-out/…worker.js`), so pthread workers are started from it, and told to load
 *   the threaded module from its `wasm-out` file instead of the Blob tfjs passes.
 * - tfjs halves the logical core count (it assumes two hyper-threads per core), so a 2-vCPU machine gets one
 *   thread whatever is asked. While the module starts, the core count it reads is doubled.
 * Results are unchanged: XNNPACK splits work between threads, not the order of any sum.
 *
 * @example
 * await withWasmThreads(2, () => tf.setBackend('wasm'));
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { Worker as NodeWorker, type WorkerOptions } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
const WASM_OUT = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
const THREADED_MODULE = join(WASM_OUT, 'tfjs-backend-wasm-threaded-simd.js');

/** The pthread worker's source; its newlines are escaped as tfjs does, since they sit inside string literals. */
function pthreadWorkerSource(): string {
  const { wasmWorkerContents } = require(join(WASM_OUT, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  return wasmWorkerContents.replace(/\n/g, '\\n');
}

/** `worker_threads.Worker`, except that the tfjs pthread script it is given as a `blob:` URL starts from the package. */
class PthreadCapableWorker extends NodeWorker {
  constructor(script: string | URL, options?: WorkerOptions) {
    if (String(script).startsWith('blob:')) super(pthreadWorkerSource(), { ...options, eval: true });
    else super(script, options);
  }

  override postMessage(message: unknown, transfer?: Parameters<NodeWorker['postMessage']>[1]): void {
    const load = message as { cmd?: unknown; urlOrBlob?: unknown } | null;
    const rewritten = load?.cmd === 'load' && typeof load.urlOrBlob !== 'string' ? { ...load, urlOrBlob: THREADED_MODULE } : message;
    super.postMessage(rewritten, transfer);
  }
}

let installed = false;

/** Emscripten assigns `worker_threads.Worker` to the global `Worker` in Node; this keeps the capable one there. */
function installWorkerGlobal(): void {
  if (installed) return;
  Object.defineProperty(globalThis, 'Worker', { get: () => PthreadCapableWorker, set: () => {}, configurable: true });
  installed = true;
}

/** Runs `start` (which must create the wasm backend) with `threads` XNNPACK threads; 1 leaves tfjs as it is. */
export async function withWasmThreads<T>(threads: number, start: () => Promise<T>): Promise<T> {
  if (threads <= 1) return start();
  installWorkerGlobal();
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  const cpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]!);
  try {
    const started = await start();
    settlePthreadWorkers();
    return started;
  } finally {
    os.cpus = cpus;
  }
}

interface EmscriptenPthreads {
  unusedWorkers: NodeWorker[];
  runningWorkers: NodeWorker[];
}

/**
 * Emscripten starts a pool of 8 pthread workers up front (about 15 MiB each), but XNNPACK's thread pool is made
 * once, at start, and keeps the ones it took; the idle rest are stopped (should a thread be wanted later,
 * Emscripten starts a new worker then). The kept ones must not hold the process open: they are helpers of
 * whatever thread owns the backend, and end with it.
 */
function settlePthreadWorkers(): void {
  const backend = tf.backend() as unknown as { wasm?: { PThread?: EmscriptenPthreads } };
  const pthreads = backend.wasm?.PThread;
  if (pthreads === undefined) return;
  for (const worker of pthreads.unusedWorkers) void worker.terminate();
  pthreads.unusedWorkers = [];
  for (const worker of pthreads.runningWorkers) worker.unref();
}

/** XNNPACK threads of the active backend: 1 unless it is wasm's threaded build. */
export function wasmThreadCount(): number {
  const backend = tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?: () => number } } };
  return backend.wasm?.tfjs?.getThreadsCount?.() ?? 1;
}
