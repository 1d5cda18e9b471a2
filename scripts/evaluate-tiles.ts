/**
 * npm run evaluate:tiles -- --data DIR [--models DIR] [--pictures N] [--walls N] [--clean-stride N] [--wild-stride N] [--seed N]
 * Pictures of several validation posters side by side: how many get an answer per poster, and how those answers
 * agree with each poster sent alone (against the picture read whole); then how many single posters, clean and in the
 * wild, would be split by mistake. Prints one JSON line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';
import { evaluateTiles } from '../src/ml/training/poster/evaluate-tiles.js';
import { errorMessage } from '../src/util/error-message.js';

const HELP = `Usage: npm run evaluate:tiles -- --data DIR [options]
  --data DIR          poster folder with train.csv and Images/
  --models DIR        models folder (models)
  --pictures N        pictures of several posters to lay out (120)
  --walls N           walls of 5 x 4 posters, of which the bot reads the first 10 (20)
  --clean-stride N    check every Nth poster for a mistaken split (1: all)
  --wild-stride N     ... and every Nth in each way people post posters (20)
  --seed N            layouts and poster order (7)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, models: { type: 'string' }, pictures: { type: 'string' }, 'clean-stride': { type: 'string' },
      'wild-stride': { type: 'string' }, seed: { type: 'string' }, walls: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  if (values.data === undefined) throw new Error(`--data is required\n${HELP}`);
  const options = {
    pictures: numberFlag(values, 'pictures', 120, isPositiveInteger, 'a positive integer'),
    walls: numberFlag(values, 'walls', 20, (n) => Number.isInteger(n) && n >= 0, 'a whole number'),
    cleanStride: numberFlag(values, 'clean-stride', 1, isPositiveInteger, 'a positive integer'),
    wildStride: numberFlag(values, 'wild-stride', 20, isPositiveInteger, 'a positive integer'),
    seed: numberFlag(values, 'seed', 7, Number.isInteger, 'an integer'),
  };
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg), config.limits.scriptWasmThreads);
  const report = await evaluateTiles(values.models ?? config.modelsDir, values.data, options, (msg) => logger.info(msg));
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluate:tiles failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
