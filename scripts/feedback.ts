/**
 * npm run --silent feedback -- export [--images DIR]
 * npm run --silent feedback -- forget --platform discord|slack|local --user ID
 * The operator's view of the store the bot uses (DATA_DIR or DATABASE_URL, read from .env like `npm start`).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { exportFeedbackLines } from '../src/store/feedback-export.js';
import { openStore, PLATFORMS, type Platform } from '../src/store/index.js';
import { choiceFlag } from '../src/ml/training/cli-flags.js';
import { errorMessage } from '../src/util/error-message.js';

const HELP = `Usage: npm run --silent feedback -- COMMAND [options]
  export                 print every feedback vote as one JSON line (oldest first): the answer (answerId,
                         imageSha256, top3, rating, modelVersion, platform, serverId, channelId), userHash
                         (a keyed hash, never the user id), verdict (up|down), correctedGenres, at, imageKept
    --images DIR         also write each kept image to DIR/<sha256>.<ext> and add "image": "<path>" to its lines
  forget                 delete one user's votes (what /forget-me does), print how many went
    --platform P         ${PLATFORMS.join(' | ')}
    --user ID            the user's id on that platform
The store is the bot's: DATA_DIR (default ./data) or DATABASE_URL, from the environment or .env.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { images: { type: 'string' }, platform: { type: 'string' }, user: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || command === undefined) return void process.stdout.write(`${HELP}\n`);
  if (command !== 'export' && command !== 'forget') throw new Error(`unknown command "${command}"\n${HELP}`);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const store = await openStore(config, createLogger(config.logLevel));
  try {
    if (command === 'export') {
      const written = await exportFeedbackLines(store, (line) => process.stdout.write(line), values.images);
      process.stderr.write(`${written.lines} votes exported${values.images === undefined ? '' : `, ${written.images} images in ${values.images}`}\n`);
    } else {
      if (values.user === undefined || values.platform === undefined) throw new Error('forget needs --platform and --user');
      const platform = choiceFlag<Platform>(values, 'platform', 'discord', PLATFORMS);
      process.stdout.write(`${await store.forgetUser(platform, values.user)} votes deleted\n`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`feedback failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
