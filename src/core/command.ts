import type { ImageReplyMode } from '../config.js';
import type { Verdict } from './bot-store.js';
import { privateNotice, type Reply } from './reply.js';

export type Platform = 'discord' | 'slack' | 'local';

/** Where a poster comes from. `platform` URLs are attachments on Discord's CDN or Slack's file store. */
export type ImageSource =
  | {
      readonly kind: 'url';
      readonly url: string;
      readonly origin: 'platform' | 'user';
      /** Sent with the download, e.g. Slack's bearer token for url_private_download. Never logged. */
      readonly headers?: Readonly<Record<string, string>>;
      readonly name?: string;
      /**
       * The picture the platform showed for this link (Discord's embed, Slack's unfurl), read when the link itself
       * gives none the bot can fetch: X, Instagram and the like show their pictures to the platforms' crawlers only.
       */
      readonly preview?: string;
      /**
       * A smaller copy the platform made of an attached picture (Discord's media proxy, Slack's largest thumbnail),
       * read when the original is over the size limit: a 15 MB phone photo of a poster.
       */
      readonly smaller?: string;
      /** Hidden behind a spoiler by the person who posted it: the answer shows no picture of it. */
      readonly spoiler?: boolean;
    }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly name?: string };

/** Where a request was made: the channel (and server) settings and feedback records belong to. */
export interface Place {
  readonly channelId: string;
  /** A Discord thread's channel: a thread without an image-reply mode of its own follows its channel's. */
  readonly parentChannelId?: string;
  /** Discord guild or Slack team. */
  readonly serverId?: string;
  /** A direct message: always answered, and no channel settings apply. */
  readonly direct: boolean;
}

export interface Requester {
  readonly platform: Platform;
  readonly userId: string;
  /** Correlates the log lines from a message to its reply. */
  readonly requestId?: string;
  readonly place?: Place;
}

/** The platform-neutral work a command can ask for; implemented by {@link ../core/bot.ts MovieBot}. */
export interface BotServices {
  /**
   * An image someone asked about; `force` answers with genres even when the gate says it is not a poster, `explain`
   * adds the top genre's heat map and overlay.
   */
  analyzePoster(source: ImageSource, requester: Requester, options?: { readonly force?: boolean; readonly explain?: boolean }): Promise<Reply>;
  /** An image posted where nobody asked: undefined means stay silent (the gate says it is not a movie poster). */
  answerPostedImage(source: ImageSource, requester: Requester): Promise<Reply | undefined>;
  rateReview(text: string, requester: Requester, options?: RateReviewOptions): Promise<Reply>;
  /** The image-reply mode of the place a message was posted in (its channel's setting, else the default). */
  imageReplyMode(platform: Platform, place: Place): Promise<ImageReplyMode>;
  setImageReplyMode(requester: Requester, mode: ImageReplyMode): Promise<Reply>;
  showImageReplyMode(requester: Requester): Promise<Reply>;
  vote(answerId: string, requester: Requester, verdict: Verdict): Promise<Reply>;
  correct(answerId: string, requester: Requester, genres: readonly string[]): Promise<Reply>;
  forgetUser(requester: Requester): Promise<Reply>;
  /** The heat map behind a poster answer's "Why?" button (`whyId` of the answer). */
  explainAnswer(posterId: string, requester: Requester): Promise<Reply>;
  /**
   * "Read it anyway" under a "not a movie poster" refusal (`notAPoster.keptId` of the notice); `refusalId` names the
   * refusal's message, whose button answers once.
   */
  readAnyway(posterId: string, requester: Requester, refusalId: string): Promise<Reply>;
}

export interface RateReviewOptions {
  /** Also name the words that drove the rating. */
  readonly explain?: boolean;
}

export interface CommandOption {
  readonly name: string;
  readonly description: string;
  /** `image` is an uploaded file (Discord only); `url` and `string` are text. */
  readonly type: 'string' | 'image' | 'url';
  readonly required?: boolean;
  readonly maxLength?: number;
  /** The only values accepted (Discord shows them as a menu; Slack checks the typed text). */
  readonly choices?: readonly string[];
}

/**
 * What an adapter hands a command. The adapter has already acknowledged the interaction
 * (`deferReply` / `ack`) and catches whatever `run` throws.
 *
 * @example
 * async run(ctx) {
 *   const text = ctx.string('text') ?? '';
 *   await ctx.reply(await ctx.bot.rateReview(text, ctx.requester));
 * }
 */
export interface CommandContext {
  readonly requester: Requester;
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  string(name: string): string | undefined;
  image(name: string): ImageSource | undefined;
  reply(reply: Reply): Promise<void>;
  /** May this person change the bot's settings here (Manage Server on Discord, a workspace admin on Slack)? */
  isAdmin(): Promise<boolean>;
}

/**
 * One slash command, defined once and registered on Discord and Slack alike.
 *
 * @example
 * export const help = defineCommand({ name: 'help', description: 'What MovieBot does', options: [], run: ... });
 */
export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CommandOption[];
  /** Only admins may run it: Discord hides it from others (Manage Server), and every run is checked again. */
  readonly adminOnly?: boolean;
  /** Its answers concern only the asker (settings, personal data): ephemeral from the start. */
  readonly answersPrivately?: boolean;
  run(ctx: CommandContext): Promise<void>;
}

export const defineCommand = (definition: CommandDefinition): CommandDefinition => definition;

/** Runs a command after the checks both platforms share: admin-only commands refuse everyone else privately. */
export async function runCommand(command: CommandDefinition, ctx: CommandContext): Promise<void> {
  if (command.adminOnly === true && !(await ctx.isAdmin())) {
    await ctx.reply(privateNotice(`Only server admins (Manage Server on Discord, workspace admins on Slack) can use \`/${command.name}\`. Nothing was changed.`));
    return;
  }
  await command.run(ctx);
}

const NAME = /^[a-z0-9-]{1,32}$/;

/** Throws on the first malformed or duplicate definition: better at start-up than as a rejected registration. */
export function validateCommands(commands: readonly CommandDefinition[]): void {
  const seen = new Set<string>();
  for (const command of commands) {
    const where = `command "${command.name}"`;
    if (!NAME.test(command.name)) throw new Error(`${where}: name must be 1-32 lowercase letters, digits or dashes`);
    if (seen.has(command.name)) throw new Error(`${where} is defined twice`);
    seen.add(command.name);
    if (command.description.length < 1 || command.description.length > 100) {
      throw new Error(`${where}: description must be 1-100 characters`);
    }
    const optionNames = new Set<string>();
    let optionalSeen = false;
    for (const option of command.options) {
      if (!NAME.test(option.name)) throw new Error(`${where}: option "${option.name}" has a malformed name`);
      if (optionNames.has(option.name)) throw new Error(`${where}: option "${option.name}" is defined twice`);
      optionNames.add(option.name);
      if (option.description.length < 1 || option.description.length > 100) {
        throw new Error(`${where}: option "${option.name}" description must be 1-100 characters`);
      }
      if (option.required && optionalSeen) throw new Error(`${where}: required option "${option.name}" follows an optional one`);
      optionalSeen ||= !option.required;
    }
  }
}

/** Slack passes one line of text: it fills the command's first text option. */
export function slackTextOption(command: CommandDefinition): CommandOption | undefined {
  return command.options.find((option) => option.type !== 'image');
}
