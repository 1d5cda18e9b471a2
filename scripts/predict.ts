/**
 * npm run --silent predict -- [--json] [--explain] [--heatmap-dir DIR] [--models DIR] FILE_URL_OR_FOLDER...
 * One line per input, in order (a folder: each file under it, in name order). With --json: {"file", "poster", "genres": {25 genres: probability}, "top3", "rating",
 * "recognised"?, "similar"?, "heatmap"?} or {"file", "error"}; without, a readable summary. Models load once; inputs are predicted
 * in batches. --explain adds the top genre's heat map; --heatmap-dir also writes each overlay as a PNG there.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { heatmapOverlay } from '../src/core/heatmap-overlay.js';
import { recognisedSentence } from '../src/core/reply.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { expandFolders, type InputOutcome, predictInputs, type PredictInputsOptions } from '../src/ml/serving/poster/predict-inputs.js';
import { loadPosterPredictor } from '../src/ml/serving/poster/predictor.js';
import { errorMessage } from '../src/util/error-message.js';

const USAGE = 'Usage: npm run --silent predict -- [--json] [--explain] [--heatmap-dir DIR] [--models DIR] FILE_URL_OR_FOLDER...';

/** Writes `<dir>/<input number>-<input name>.png`: the number keeps two inputs with one name apart. */
function overlayWriter(dir: string): PredictInputsOptions['onHeatmap'] {
  return async ({ file, index, bytes, heatmap }) => {
    const name = basename(file.split(/[?#]/)[0] ?? file).replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');
    await writeFile(join(dir, `${String(index + 1).padStart(3, '0')}-${name}.png`), await heatmapOverlay(bytes, heatmap.grid));
  };
}

function humanLine(outcome: InputOutcome): string {
  if ('error' in outcome) return `${outcome.file}: error: ${outcome.error}`;
  const genres = outcome.top3.map(([name, p]) => `${name} ${(p * 100).toFixed(0)}%`).join(', ');
  const poster = outcome.poster === undefined ? '' : `poster ${(outcome.poster * 100).toFixed(0)}%; `;
  const { recognised } = outcome;
  const sentence = recognised && recognisedSentence(recognised);
  const film = sentence === undefined ? '' : `; ${sentence[0]!.toLowerCase()}${sentence.slice(1)}`;
  return `${outcome.file}: ${poster}${genres}; rating ${outcome.rating.toFixed(1)}/10${film}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false }, 'heatmap-dir': { type: 'string' },
      models: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (positionals.length === 0) throw new Error(`no input given\n${USAGE}`);
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg), config.limits.wasmThreads);
  const runtime = { choice: config.posterRuntime, threads: config.limits.onnxThreads };
  const predictor = await loadPosterPredictor(values.models ?? config.modelsDir, { runtime, log: (msg) => logger.info(msg) });
  const heatmapDir = values['heatmap-dir'];
  if (heatmapDir !== undefined) await mkdir(heatmapDir, { recursive: true });
  const explain = { explain: values.explain || heatmapDir !== undefined, onHeatmap: heatmapDir === undefined ? undefined : overlayWriter(heatmapDir) };
  await predictInputs(predictor, await expandFolders(positionals), config.download, (outcome) => {
    process.stdout.write(`${values.json ? JSON.stringify(outcome) : humanLine(outcome)}\n`);
  }, explain);
  await predictor.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`predict failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
