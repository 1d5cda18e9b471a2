/**
 * npm run build:similar -- --data DIR [--models DIR] [--out DIR] [--cache DIR] [--limit N] [--block NAME] [--projection D]
 * Builds the "looks like" index from the training split's posters: int8 embeddings, ids, titles and years.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { initBackend } from '../src/ml/runtime/backend.js';
import { SIMILAR_DIR } from '../src/ml/serving/poster/similar-index.js';
import { isPositiveInteger, numberFlag } from '../src/ml/training/cli-flags.js';
import { buildSimilarIndex } from '../src/ml/training/poster/similar-index-builder.js';
import { errorMessage } from '../src/util/error-message.js';

const HELP = `Usage: npm run build:similar -- --data DIR [options]
  --data DIR     poster folder with train.csv, Images/ and MovieGenre.csv
  --models DIR   models folder whose genre/ backbone is indexed (models)
  --out DIR      output folder (<models>/similar)
  --cache DIR    feature cache (.cache/similar-features)
  --limit N      index only the first N training posters (all)
  --block NAME   the genre backbone's pooled block to embed, e.g. block_16_expand_relu/avg, or all of them: all (the last)
  --projection D learn a D-dimensional projection under which phone photos and screenshots of a training
                 poster stay near it (pictures and their features cached under --cache/wild); none by default`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, models: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' },
      limit: { type: 'string' }, block: { type: 'string' }, projection: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const dataDir = values.data;
  if (dataDir === undefined) throw new Error(`--data is required\n${HELP}`);
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  await initBackend(config.backend, (msg) => logger.info(msg));
  const models = values.models ?? config.modelsDir;
  const limit = values.limit === undefined ? undefined : numberFlag(values, 'limit', 0, isPositiveInteger, 'a positive integer');
  const projectionDim = values.projection === undefined ? undefined : numberFlag(values, 'projection', 0, isPositiveInteger, 'a positive integer');
  const metadata = await buildSimilarIndex({
    dataDir,
    genreDir: join(models, 'genre'),
    out: values.out ?? join(models, SIMILAR_DIR),
    cacheRoot: values.cache ?? '.cache/similar-features',
    limit,
    block: values.block,
    projectionDim,
    builtWith: `npm run build:similar -- ${process.argv.slice(2).join(' ')}`,
    log: (msg) => logger.info(msg),
  });
  process.stdout.write(`${JSON.stringify({ count: metadata.count, block: metadata.block, projection: metadata.projection?.dim })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build:similar failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
