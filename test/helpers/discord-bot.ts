import { commands as allCommands } from '../../commands/index.js';
import type { PlatformConnection } from '../../src/adapters/connection.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import type { BotStore } from '../../src/core/bot-store.js';
import type { CommandDefinition } from '../../src/core/command.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './fake-discord/index.js';
import { createTestBot, type TestBot } from './test-bot.js';

export interface DiscordTestBot {
  readonly discord: FakeDiscord;
  readonly testBot: TestBot;
  readonly connection: PlatformConnection;
  /** Stops the adapter, the fake Discord and the bot, in that order. */
  stop(): Promise<void>;
}

/** A real MovieBot with fake models behind the real discord.js client, connected to a fresh fake Discord. */
export async function startDiscordTestBot(
  env: Record<string, string> = {},
  options: { store?: BotStore; commands?: readonly CommandDefinition[]; fake?: FakeDiscordOptions } = {},
): Promise<DiscordTestBot> {
  const discord = await startFakeDiscord(options.fake);
  const testBot = createTestBot({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DOWNLOAD_ALLOW_HOSTS: discord.host, ...env }, { store: options.store });
  const connection = await startDiscord({ config: testBot.config, bot: testBot.bot, commands: options.commands ?? allCommands, logger: testBot.logger });
  return {
    discord,
    testBot,
    connection,
    async stop() {
      await connection.stop();
      await discord.close();
      await testBot.bot.close();
    },
  };
}
