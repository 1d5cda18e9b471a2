/**
 * Runs the benchmark entries and prints ONE JSON object on stdout; logs go to stderr.
 *
 *   npm run --silent bench                        all entries, merged
 *   npm run --silent bench -- --only reference-cnn
 *   npm run --silent bench -- --profile           also log per-kernel times to stderr
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/backend.js';
import '../src/bench/entries.js';
import { benchEntries, type BenchResult } from '../src/bench/registry.js';

const USAGE = 'Usage: npm run --silent bench [-- --only NAME] [--profile]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, profile: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  const names = benchEntries().map((entry) => entry.name);
  if (values.help === true) {
    process.stderr.write(`${USAGE}\nEntries: ${names.join(', ')}\n`);
    return;
  }
  const selected = values.only === undefined ? benchEntries() : benchEntries().filter((e) => e.name === values.only);
  if (selected.length === 0) throw new Error(`Unknown bench entry "${values.only}"; entries: ${names.join(', ')}`);

  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const log = (msg: string): void => logger.info(msg);
  const backend = await initBackend(config.backend, log);
  const merged: BenchResult = {};
  for (const entry of selected) Object.assign(merged, await entry.run({ log, profile: values.profile, backend }));
  process.stdout.write(`${JSON.stringify(merged)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
