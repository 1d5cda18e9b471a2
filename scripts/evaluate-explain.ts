/**
 * npm run evaluate:explain -- --data DIR --task deletion|similar-wild|recognise [--models DIR] [--count N] [--write]
 * deletion: greying out the hottest 20% of each validation poster vs 20% at random (the heat map's test).
 * similar-wild: how often a phone photo or screenshot of a validation poster shares a "looks like" neighbour with it
 * (per kind and per half of the posters), and the genre overlap of each clean poster with its neighbours.
 * recognise: when the index may name the poster shown; --write records the threshold in <models>/similar.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { choiceFlag, isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';
import { evaluateDeletion, evaluateSimilarInTheWild } from '../src/ml/training/poster/evaluate-explain.js';
import { evaluateRecognition, writeRecognition } from '../src/ml/training/poster/evaluate-recognition.js';
import { errorMessage } from '../src/util/error-message.js';

const HELP = `Usage: npm run evaluate:explain -- --data DIR --task deletion|similar-wild|recognise [options]
  --data DIR     poster folder with train.csv and Images/
  --models DIR   models folder (models)
  --count N      validation posters (60 for deletion, 200 for similar-wild); training posters per kind (100 for recognise)
  --write        recognise: record the threshold in <models>/similar/metadata.json`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, task: { type: 'string' }, models: { type: 'string' }, count: { type: 'string' }, write: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const dataDir = values.data;
  if (dataDir === undefined) throw new Error(`--data is required\n${HELP}`);
  const task = choiceFlag(values, 'task', 'deletion', ['deletion', 'similar-wild', 'recognise'] as const);
  const count = numberFlag(values, 'count', { deletion: 60, 'similar-wild': 200, recognise: 100 }[task], isPositiveInteger, 'a positive integer');
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg), config.limits.scriptWasmThreads);
  const models = values.models ?? config.modelsDir;
  const log = (msg: string) => logger.info(msg);
  if (task === 'recognise') {
    const report = await evaluateRecognition(models, dataDir, count, log);
    if (values.write) await writeRecognition(models, report, `npm run evaluate:explain -- ${process.argv.slice(2).join(' ')}`);
    return void process.stdout.write(`${JSON.stringify({ task, ...report })}\n`);
  }
  const report = task === 'deletion' ? await evaluateDeletion(models, dataDir, count, log) : await evaluateSimilarInTheWild(models, dataDir, count, log);
  process.stdout.write(`${JSON.stringify({ task, ...report })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluate:explain failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
