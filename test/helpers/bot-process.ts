/**
 * The bot process as `npm start` runs it, but with the fake models: for tests that need real processes
 * (signals, two processes on one Redis). Set FAKE_MODEL_DELAY_MS to make inference slow.
 */
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { exitOnSignals } from '../../src/shutdown.js';
import { openStore } from '../../src/store/index.js';
import { FakePosterPredictor, FakeReviewPredictor } from './fake-predictors.js';

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const delayMs = Number(process.env.FAKE_MODEL_DELAY_MS ?? 0);
const posterPredictor = new FakePosterPredictor();
const predict = posterPredictor.predict.bind(posterPredictor);
posterPredictor.predict = async (images) => {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  return predict(images);
};
const store = await openStore(config, logger);
const app = await startApp({ config, logger, posterPredictor, reviewPredictor: new FakeReviewPredictor(), store, modelVersion: 'test' });
exitOnSignals(() => app.stop(), logger, { stopWithParent: config.stopWithParent });
process.stdout.write(`${JSON.stringify({ listening: app.url, pid: process.pid })}\n`);
