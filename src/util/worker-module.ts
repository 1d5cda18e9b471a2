import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside the calling module. Built (`npm start` runs dist/) the worker is
 * a JavaScript file of its own; from source (scripts, tests) it is TypeScript, which compiles itself through tsx:
 * a loader registered in the calling thread does not reach a worker.
 *
 * @example
 * const worker = startWorkerModule(import.meta.url, 'heic-worker', bytes);
 */
export function startWorkerModule(callerUrl: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const options = { workerData, ...(resourceLimits === undefined ? {} : { resourceLimits }) };
  if (callerUrl.endsWith('.js')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
