/**
 * Registers the slash commands on Discord (in DISCORD_GUILD_ID when set, else globally), then prints the Slack
 * app manifest generated from the same definitions.
 *
 *   npm run register-commands                      reads DISCORD_TOKEN, DISCORD_API_URL, DISCORD_GUILD_ID
 *   npm run register-commands > slack-manifest.yml the manifest goes to stdout, progress to stderr
 */
import { commands } from '../commands/index.js';
import { registerCommands } from '../src/adapters/discord/registration.js';
import { slackManifestYaml } from '../src/adapters/slack/registration.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { errorMessage } from '../src/util/error-message.js';

try {
  const { discord } = loadConfig(process.env);
  if (discord === undefined) {
    console.error('DISCORD_TOKEN is not set: skipping Discord registration.');
  } else {
    const { scope, names } = await registerCommands(discord, commands);
    const slash = new Set(commands.map((command) => command.name));
    console.error(`Registered ${names.map((name) => (slash.has(name) ? `/${name}` : `"${name}"`)).join(', ')} on Discord ${scope}.`);
  }
  console.error("Slack app manifest (paste at api.slack.com/apps → Create New App → From a manifest):");
  process.stdout.write(slackManifestYaml(commands));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Could not register the commands: ${errorMessage(error)}`);
  process.exitCode = 1;
}
