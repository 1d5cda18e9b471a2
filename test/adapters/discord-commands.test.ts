import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { registerCommands, toSlashCommand } from '../../src/adapters/discord/registration.js';
import { useFakeDiscord } from '../helpers/fake-discord/index.js';

const ATTACHMENT_OPTION = 11;
const STRING_OPTION = 3;

const fakeDiscord = useFakeDiscord();

describe('slash command definitions for Discord', () => {
  it('maps an image option to an attachment option and a url option to a string with its max length', () => {
    const poster = toSlashCommand(commands.find((command) => command.name === 'poster')!);
    expect(poster.options).toEqual([
      expect.objectContaining({ name: 'image', type: ATTACHMENT_OPTION, required: false }),
      expect.objectContaining({ name: 'url', type: STRING_OPTION, required: false, max_length: 2000 }),
    ]);
  });

  it('keeps required text options required', () => {
    const rateReview = toSlashCommand(commands.find((command) => command.name === 'rate-review')!);
    expect(rateReview.options).toEqual([expect.objectContaining({ name: 'text', type: STRING_OPTION, required: true, max_length: 6000 })]);
  });
});

describe('registering the commands', () => {
  it('overwrites the guild commands when a guild is given', async () => {
    const guildId = fakeDiscord().guilds[0]!.id;
    const result = await registerCommands({ token: fakeDiscord().token, apiUrl: fakeDiscord().apiUrl, guildId }, commands);
    expect(result.names).toEqual(['poster', 'rate-review', 'settings', 'forget-me', 'help', 'Read poster', 'Rate review']);
    const put = fakeDiscord().requests.find((r) => r.method === 'PUT' && r.path === `/applications/${fakeDiscord().applicationId}/guilds/${guildId}/commands`);
    expect(put?.status).toBe(200);
  });

  it('registers globally from `npm run register-commands`, then prints the Slack manifest', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/register-commands.ts'], {
      env: { ...process.env, DISCORD_TOKEN: fakeDiscord().token, DISCORD_API_URL: fakeDiscord().apiUrl, DISCORD_GUILD_ID: '' },
    });
    expect(stderr).toContain('Registered /poster, /rate-review, /settings, /forget-me, /help, "Read poster", "Rate review" on Discord globally');
    expect(stdout).toMatch(/slash_commands:[\s\S]*"\/rate-review"/);
    expect(fakeDiscord().requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fakeDiscord().applicationId}/commands`)).toBe(true);
    expect(stdout + stderr).not.toContain(fakeDiscord().token);
  });

  it('says which variable is wrong instead of registering', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/register-commands.ts'], {
      env: { ...process.env, DISCORD_TOKEN: fakeDiscord().token, DISCORD_API_URL: 'ftp://nowhere', DISCORD_GUILD_ID: '' },
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('DISCORD_API_URL must be an http(s) URL') });
  });
});
