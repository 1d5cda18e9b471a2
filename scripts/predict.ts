/**
 * npm run --silent predict -- [--json] [--models DIR] FILE_OR_URL...
 * One line per input, in order. With --json: {"file", "poster", "genres": {25 genres: probability}, "top3", "rating"}
 * or {"file", "error"}; without, a readable summary. Models load once; inputs are predicted in batches.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { type InputOutcome, predictInputs } from '../src/ml/serving/poster/predict-inputs.js';
import { loadPosterPredictor } from '../src/ml/serving/poster/predictor.js';
import { errorMessage } from '../src/util/error-message.js';

const USAGE = 'Usage: npm run --silent predict -- [--json] [--models DIR] FILE_OR_URL...';

function humanLine(outcome: InputOutcome): string {
  if ('error' in outcome) return `${outcome.file}: error: ${outcome.error}`;
  const genres = outcome.top3.map(([name, p]) => `${name} ${(p * 100).toFixed(0)}%`).join(', ');
  const poster = outcome.poster === undefined ? '' : `poster ${(outcome.poster * 100).toFixed(0)}%; `;
  return `${outcome.file}: ${poster}${genres}; rating ${outcome.rating.toFixed(1)}/10`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, models: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (positionals.length === 0) throw new Error(`no input given\n${USAGE}`);
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg));
  const predictor = await loadPosterPredictor(values.models ?? config.modelsDir);
  await predictInputs(predictor, positionals, config.download, (outcome) => {
    process.stdout.write(`${values.json ? JSON.stringify(outcome) : humanLine(outcome)}\n`);
  });
  await predictor.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`predict failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
