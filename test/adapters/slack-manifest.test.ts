import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { parse } from 'yaml';
import { SLACK_BOT_SCOPES, slackManifest, slackManifestYaml } from '../../src/adapters/slack/registration.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; description: string; usage_hint?: string; url?: string }>; app_home: Record<string, boolean> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url?: string; bot_events: string[] }; socket_mode_enabled: boolean };
}

describe('slackManifest', () => {
  it('lists every command with its description and a usage hint from its text option', () => {
    const manifest = slackManifest(commands) as Manifest;
    expect(manifest.features.slash_commands.map((entry) => entry.command)).toEqual(commands.map((command) => `/${command.name}`));
    expect(manifest.features.slash_commands.find((entry) => entry.command === '/rate-review')).toMatchObject({
      description: 'Rate a movie review from 1 to 10',
      usage_hint: '<text>',
    });
  });

  it('asks for the scopes and message events the adapter needs, in Socket Mode by default', () => {
    const manifest = slackManifest(commands) as Manifest;
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'commands', 'files:read', 'channels:history']));
    expect(manifest.settings.event_subscriptions.bot_events).toContain('message.channels');
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
  });

  it('lets people write to the bot in its Messages tab, which Slack turns off unless asked', () => {
    expect((slackManifest(commands) as Manifest).features.app_home).toEqual({ home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('points events and commands at /slack/events when given a public URL', () => {
    const manifest = slackManifest(commands, { publicUrl: 'https://bot.example.com' }) as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://bot.example.com/slack/events');
    expect(manifest.features.slash_commands.every((entry) => entry.url === 'https://bot.example.com/slack/events')).toBe(true);
  });

  it('is what manifest.yml holds (regenerate with `npx tsx scripts/slack-manifest.ts --write`)', async () => {
    const committed = await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8');
    expect(committed).toBe(slackManifestYaml(commands));
    for (const scope of SLACK_BOT_SCOPES) expect(committed).toContain(`"${scope}"`);
  });
});

describe('slackManifestYaml', () => {
  it('reads back as the manifest, every string quoted', () => {
    const yaml = slackManifestYaml(commands, { publicUrl: 'https://bot.example' });
    expect(parse(yaml)).toEqual(JSON.parse(JSON.stringify(slackManifest(commands, { publicUrl: 'https://bot.example' }))));
    expect(yaml).toContain('description: "');
  });
});
