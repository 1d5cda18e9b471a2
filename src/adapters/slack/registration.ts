import { stringify } from 'yaml';
import { slackTextOption, type CommandDefinition } from '../../core/command.js';
import { SLACK_EVENTS_PATH } from './index.js';
import { RATE_REVIEW_CALLBACK } from './rate-review-handler.js';
import { READ_POSTER_CALLBACK } from './read-poster-handler.js';

/** What the bot reads and writes: nothing more, so a workspace admin can see why each is asked for. */
export const SLACK_BOT_SCOPES = [
  'chat:write', // replies in threads
  'commands', // slash commands
  'files:read', // downloading shared posters (url_private_download)
  'files:write', // the heat map "Why?" posts in a thread
  'users:read', // /settings: only workspace admins and owners may change a channel's mode
  'channels:history', // message events with files: public channels
  'groups:history', // private channels
  'im:history', // direct messages
  'mpim:history', // group direct messages
] as const;

/** `message.*` events for each kind of conversation the history scopes above cover. */
export const SLACK_BOT_EVENTS = ['message.channels', 'message.groups', 'message.im', 'message.mpim'] as const;

export interface SlackManifestOptions {
  /**
   * The bot's public base URL (e.g. `https://moviebot.example.com`) for HTTP mode: events and commands go to
   * its `/slack/events`. Without it the manifest enables Socket Mode, which needs no public URL.
   */
  readonly publicUrl?: string;
}

/**
 * The Slack app manifest, generated from the same command definitions Discord registers, so a command's name
 * and description live in one place. `manifest.yml` at the repository root is this, for Socket Mode.
 *
 * @example
 * const manifest = slackManifest(commands, { publicUrl: 'https://moviebot.example.com' });
 */
export function slackManifest(commands: readonly CommandDefinition[], options: SlackManifestOptions = {}): object {
  const requestUrl = options.publicUrl === undefined ? undefined : new URL(SLACK_EVENTS_PATH, options.publicUrl).href;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'MovieBot',
      description: 'Guesses a movie poster’s genres and IMDb rating, and rates reviews.',
      long_description:
        'Share a movie poster in a channel and MovieBot answers in the thread with its three most likely genres and a predicted IMDb rating. ' +
        'Use /poster with a link to a poster image or a film’s web page, /rate-review to rate a review from 1 to 10, and /help to see the commands. ' +
        'Posters and reviews are analysed by small TensorFlow.js models running on the bot’s own server.',
      background_color: '#1d1f2b',
    },
    features: {
      // A DM to the bot is answered as in Discord; Slack turns off writing to an app's Messages tab unless asked.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'MovieBot', always_online: true },
      slash_commands: commands.map((command) => {
        const option = slackTextOption(command);
        return {
          command: `/${command.name}`,
          description: command.description,
          ...(option === undefined ? {} : { usage_hint: option.required ? `<${option.name}>` : `[${option.name}]` }),
          should_escape: false,
          ...(requestUrl === undefined ? {} : { url: requestUrl }),
        };
      }),
      shortcuts: [
        { name: 'Read poster', type: 'message', callback_id: READ_POSTER_CALLBACK, description: "Guess a poster's genres and rating" },
        { name: 'Rate review', type: 'message', callback_id: RATE_REVIEW_CALLBACK, description: 'Rate this message as a movie review, 1 to 10' },
      ],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(requestUrl === undefined ? {} : { request_url: requestUrl }), bot_events: [...SLACK_BOT_EVENTS] },
      // 👍/👎 and Why? buttons, the genre menu and the "Read poster" and "Rate review" shortcuts arrive as interactions.
      interactivity: { is_enabled: true, ...(requestUrl === undefined ? {} : { request_url: requestUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === undefined,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as YAML; strings double-quoted so no value is ever read back as a number or a boolean. */
export function slackManifestYaml(commands: readonly CommandDefinition[], options: SlackManifestOptions = {}): string {
  return stringify(slackManifest(commands, options), { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
}
