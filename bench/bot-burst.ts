import { commands } from '../commands/index.js';
import { runDiscordBurst } from '../test/helpers/discord-burst.js';
import { startFakeDiscord } from '../test/helpers/fake-discord/index.js';
import { startDiscord } from '../src/adapters/discord/index.js';
import { createMovieBot } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { loadPredictors } from '../src/ml/serving/load-predictors.js';
import { registerBench } from './registry.js';

const USERS = 20;
const POSTERS_PER_USER = 10;

/**
 * The burst, with the real models in their worker threads and the default limits, through the real discord.js
 * client and a local fake Discord.
 */
registerBench({
  name: 'bot-burst',
  async run({ log }) {
    const discord = await startFakeDiscord();
    const config = loadConfig({
      ...process.env,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DOWNLOAD_ALLOW_HOSTS: discord.host,
      LOG_LEVEL: 'warn',
    });
    const logger = createLogger(config.logLevel);
    const predictors = await loadPredictors(config, logger);
    const bot = createMovieBot({ config, logger, ...predictors, modelVersion: 'bench' });
    const connection = await startDiscord({ config, bot, commands, logger, metrics: bot.metrics });
    log(`bot-burst: ${USERS} users post ${POSTERS_PER_USER} posters each through the fake Discord`);
    try {
      const report = await runDiscordBurst(discord, USERS, POSTERS_PER_USER);
      return {
        bot_burst_posters: USERS * POSTERS_PER_USER,
        bot_burst_answers: report.answers,
        bot_burst_results: report.results,
        bot_burst_busy_or_slow_down: report.refusals,
        bot_burst_unanswered_or_duplicated: report.wrongCount,
        bot_burst_p50_ms: report.p50Ms,
        bot_burst_p99_ms: report.p99Ms,
        bot_burst_peak_rss_mb: report.peakRssMb,
      };
    } finally {
      await connection.stop();
      await discord.close();
      await bot.close();
      await predictors.close();
    }
  },
});
