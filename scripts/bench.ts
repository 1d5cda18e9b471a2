/**
 * Runs the benchmark entries and prints ONE JSON object on stdout; logs go to stderr.
 *
 *   npm run --silent bench                        all entries, merged
 *   npm run --silent bench -- --only reference-cnn
 *   npm run --silent bench -- --only reference-cnn,torch-reference-cnn   several, in registration order
 *   npm run --silent bench -- --profile           also log per-kernel times to stderr
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { wasmThreadCount } from '../src/ml/runtime/wasm-threads.js';
import '../bench/entries.js';
import { benchEntries, type BenchResult } from '../bench/registry.js';
import { errorMessage } from '../src/util/error-message.js';

const USAGE = 'Usage: npm run --silent bench [-- --only NAME[,NAME...]] [--profile]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, profile: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  const names = benchEntries().map((entry) => entry.name);
  if (values.help === true) {
    process.stderr.write(`${USAGE}\nEntries: ${names.join(', ')}\n`);
    return;
  }
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !names.includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown bench entry "${unknown.join(', ')}"; entries: ${names.join(', ')}`);
  const selected = only === undefined ? benchEntries() : benchEntries().filter((e) => only.includes(e.name));

  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const log = (msg: string): void => logger.info(msg);
  // The entries timed in this process (reference CNN, backbone on tfjs) use every core; the bot's own wasm threads
  // (one when ONNX Runtime runs the backbone) apply to the bots the entries start.
  const backend = await initBackend(config.backend, log, config.limits.scriptWasmThreads);
  // The threads this process's own wasm backend computes with; workers report their own.
  const merged: BenchResult = backend === 'wasm' ? { wasm_threads: wasmThreadCount() } : {};
  for (const entry of selected) {
    try {
      Object.assign(merged, await entry.run({ log, profile: values.profile, backend, earlier: merged }));
    } catch (error) {
      // One entry that cannot run (say, no trained model yet) must not hide the others' figures.
      const message = errorMessage(error);
      logger.error({ entry: entry.name, err: message }, 'bench entry failed');
      merged[`${entry.name.replaceAll('-', '_')}_error`] = message;
      process.exitCode = 1;
    }
  }
  // An entry that failed half-way may leave a server or timer open; the result is out, so end here.
  process.stdout.write(`${JSON.stringify(merged)}\n`, () => process.exit());
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${errorMessage(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
