import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { loadPredictors } from './ml/serving/load-predictors.js';
import { exitOnSignals } from './shutdown.js';
import { openStore } from './store/index.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee .env.example for what each variable means.\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const predictors = await loadPredictors(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, `could not load the models from "${config.modelsDir}" (MODELS_DIR): see README, Training`);
  process.exit(1);
});
const where = config.storage.databaseUrl === undefined ? `DATA_DIR "${config.storage.dataDir}"` : 'DATABASE_URL';
const store = await openStore(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, `could not open the settings and feedback store in ${where}`);
  process.exit(1);
});
const app = await startApp({ config, logger, ...predictors, store, modelVersion: modelVersionOf(config.modelsDir) });
exitOnSignals(
  async () => {
    await app.stop();
    await predictors.close();
  },
  logger,
  { stopWithParent: config.stopWithParent },
);

/** Changes whenever any shipped model changes, so cached answers of an older model are never served. */
function modelVersionOf(modelsDir: string): string {
  const hash = createHash('sha256');
  for (const model of ['genre', 'rating', 'review', 'gate']) {
    const metadata = join(modelsDir, model, 'metadata.json');
    if (existsSync(metadata)) hash.update(readFileSync(metadata));
  }
  return hash.digest('hex').slice(0, 12);
}
