/**
 * Prints the Slack app manifest generated from commands/ (paste it at api.slack.com/apps → "From a manifest").
 *
 *   npx tsx scripts/slack-manifest.ts                                     Socket Mode (no public URL needed)
 *   npx tsx scripts/slack-manifest.ts --public-url https://bot.example    HTTP events at <url>/slack/events
 *   npx tsx scripts/slack-manifest.ts --write                             rewrites manifest.yml (Socket Mode)
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import { slackManifestYaml } from '../src/adapters/slack/registration.js';

const { values } = parseArgs({ options: { 'public-url': { type: 'string' }, write: { type: 'boolean', default: false } } });
const publicUrl = values['public-url'];
if (values.write && publicUrl !== undefined) throw new Error('manifest.yml is the Socket Mode manifest: use --write without --public-url');
const yaml = slackManifestYaml(commands, { publicUrl });
if (values.write) await writeFile(new URL('../manifest.yml', import.meta.url), yaml);
else process.stdout.write(yaml);
