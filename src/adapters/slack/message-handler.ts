import type { webApi } from '@slack/bolt';
import type { BotServices, ImageSource, Requester } from '../../core/command.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import { answersPostedImages } from '../../core/image-replies.js';
import { analyzeLink, LATE_PREVIEW_WAIT_MS, type LatePreviews } from '../../core/late-previews.js';
import { answeredAlready, answerMention, asksAboutTheirs } from '../../core/mention-reply.js';
import { linkSources } from '../../core/message-links.js';
import { linkPreviews, type Unfurl, unfurlKey } from './link-previews.js';
import { messageText } from './message-text.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely, errorFields } from '../error-boundary.js';
import { type AnswerThread, postInThread, threadOf } from './deliver.js';
import { isDirectChannel, slackRequester } from './requester.js';

/** The fields of a Slack file object the adapter reads. */
export interface SharedFile {
  readonly id: string;
  readonly name?: string | null;
  readonly mimetype?: string;
  readonly url_private_download?: string;
  /** Slack's thumbnails of an image, the largest first: read when the file is over the size limit. */
  readonly thumb_1024?: string;
  readonly thumb_960?: string;
  readonly thumb_800?: string;
  readonly thumb_720?: string;
  /** `check_file_info` (Slack Connect): the event carries only the id, `files.info` has the rest. */
  readonly file_access?: string;
}

/** The fields of a `message` event the adapter reads. */
export interface SharedMessage {
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly user?: string;
  readonly channel: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly files?: readonly SharedFile[];
  readonly text?: string;
  /** Slack's unfurls of the message's links. */
  readonly attachments?: readonly Unfurl[];
  readonly team?: string;
  /** On a thread reply: who posted the thread's first message (the bot, when someone replies to its answer). */
  readonly parent_user_id?: string;
  /** On `message_changed` (Slack adding its unfurls, say): the message as it now is. */
  readonly message?: SharedMessage;
  /** On `message_deleted`: which message was deleted. */
  readonly deleted_ts?: string;
}

export interface FileShareDeps {
  readonly bot: BotServices;
  readonly client: webApi.WebClient;
  readonly botToken: string;
  readonly logger: Logger;
  /** The bot's own user id, to recognise mentions of it and replies to it. */
  readonly botUserId?: string;
  /** The bot's own bot id, which its messages carry (with its user id, as Slack lists them). */
  readonly botId?: string;
  /** The unfurls Slack adds to messages after posting them, which a mention's links wait for. */
  readonly latePreviews?: LatePreviews;
  /** Where each answer is recorded against the messages it is about, to go when they are deleted. */
  readonly answered?: AnsweredMessages;
}

const isImage = (file: SharedFile): boolean => (file.mimetype ?? '').startsWith('image/');
export const mayBeImage = (file: SharedFile): boolean => file.file_access === 'check_file_info' || isImage(file);

/**
 * People's messages with image files: `file_share`, or no subtype at all as files.uploadV2 posts them. Edits,
 * deletions, joins and every bot's messages are not questions.
 */
export function imageFilesOf(message: SharedMessage): SharedFile[] {
  if (message.bot_id !== undefined || message.user === undefined) return [];
  if (message.subtype !== undefined && message.subtype !== 'file_share') return [];
  return (message.files ?? []).filter(mayBeImage);
}

async function completeFile(file: SharedFile, client: webApi.WebClient): Promise<SharedFile> {
  if (file.url_private_download !== undefined && file.file_access !== 'check_file_info') return file;
  const info = await client.files.info({ file: file.id });
  return (info.file as SharedFile | undefined) ?? file;
}

function sourceOf(file: SharedFile, botToken: string): ImageSource {
  if (file.url_private_download === undefined) throw new Error(`file ${file.id} has no download link`);
  const smaller = file.thumb_1024 ?? file.thumb_960 ?? file.thumb_800 ?? file.thumb_720;
  return {
    kind: 'url',
    url: file.url_private_download,
    origin: 'platform',
    headers: { Authorization: `Bearer ${botToken}` },
    name: file.name ?? undefined,
    ...(smaller === undefined ? {} : { smaller }),
  };
}

/** A message that mentions the bot by name. */
const namesTheBot = (message: SharedMessage, botUserId: string | undefined): boolean =>
  botUserId !== undefined && (message.text ?? '').includes(`<@${botUserId}>`);

/** A message that mentions the bot, or replies in the thread of one of its messages, asks for an answer. */
const asksTheBot = (message: SharedMessage, botUserId: string | undefined): boolean =>
  namesTheBot(message, botUserId) || (botUserId !== undefined && message.parent_user_id === botUserId);

/**
 * Answers the images of a shared message in its thread, as the channel's mode says (see the Discord message
 * handler: DMs, mentions and replies to the bot always; `auto` posters only; `mention` and `off` nothing else).
 */
export async function answerFileShare(message: SharedMessage, requestId: string, deps: FileShareDeps): Promise<void> {
  const files = imageFilesOf(message);
  const requester = slackRequester(message.user ?? '', message.channel, message.team, requestId, isDirectChannel(message.channel));
  if (files.length === 0) return answerWithoutImage(message, requester, deps);
  const mentioned = asksTheBot(message, deps.botUserId);
  const direct = requester.place!.direct;
  if (!direct && !answersPostedImages(await deps.bot.imageReplyMode('slack', requester.place!), mentioned)) return;
  await answerImages(files, threadOf(message.channel, message), requester, direct || mentioned, deps);
}

/**
 * A DM or a message that names the bot (a reply in its thread alone does not: "thanks", "wrong genre") with no image,
 * where the channel's mode lets a mention be answered: each link is read as a poster, as "Read poster" would; with
 * none, the first message of the thread it is in is read (its images or links, else its text as a review) unless the
 * bot has answered in that thread already (it says so), or its own text when it reads as a review; anything else is
 * told how to ask, in the message's thread.
 */
async function answerWithoutImage(message: SharedMessage, requester: Requester, deps: FileShareDeps): Promise<void> {
  if (message.bot_id !== undefined || message.user === undefined || message.subtype !== undefined) return;
  if (!requester.place!.direct) {
    if (!namesTheBot(message, deps.botUserId)) return;
    if (!answersPostedImages(await deps.bot.imageReplyMode('slack', requester.place!), true)) return;
  }
  const log = deps.logger.child({ requestId: requester.requestId, channel: message.channel });
  const own = linkSources(message.text ?? '', linkPreviews(message));
  // "@MovieBot what genre is this?" in the thread of someone's poster, or "rate this" in a review's, asks about theirs.
  const ownText = messageText(message.text ?? '');
  const start = own.length === 0 && asksAboutTheirs(ownText) ? await threadStart(message, deps, log) : undefined;
  const theirs = start?.message;
  // An answer about their message shows what it says, so it goes when either message goes.
  const thread = { ...threadOf(message.channel, message), about: theirs === undefined ? [message.ts] : [message.ts, theirs.ts] };
  const send = (reply: Reply) => postInThread(deps.client, thread, reply, log, deps.answered);
  if (start?.answered) return answerSafely(log, 'slack mention', async () => answeredAlready(), send);
  const files = theirs === undefined ? [] : imageFilesOf(theirs);
  if (files.length > 0) return answerImages(files, thread, requester, true, deps);
  const about = theirs ?? message;
  const links = theirs === undefined ? own : linkSources(theirs.text ?? '', linkPreviews(theirs));
  const { latePreviews } = deps;
  const latePreview = latePreviews && ((link: string) => latePreviews.previewFor(unfurlKey(about.channel, about.ts), link, LATE_PREVIEW_WAIT_MS));
  if (links.length > 0) return answerLinks(links, thread, requester, deps, latePreview);
  const theirText = messageText(theirs?.text ?? '');
  const answer = () => answerMention(deps.bot, { ownText, theirText }, requester);
  await answerSafely(log, 'slack mention', answer, send);
}

/** Enough of a thread to see whether the bot answered in it already. */
const THREAD_MESSAGES_READ = 50;

/**
 * The first message of the thread a message is in, when a person posted it, and whether the bot has answered in the
 * thread already, or started it (then a mention there is about that answer); undefined outside a thread, or when
 * Slack will not say.
 */
async function threadStart(message: SharedMessage, deps: FileShareDeps, log: Logger): Promise<{ readonly message?: SharedMessage; readonly answered: boolean } | undefined> {
  if (message.thread_ts === undefined || message.thread_ts === message.ts) return undefined;
  try {
    const { messages = [] } = await deps.client.conversations.replies({ channel: message.channel, ts: message.thread_ts, limit: THREAD_MESSAGES_READ, inclusive: true });
    const [parent, ...replies] = messages as SharedMessage[];
    const ours = ({ user, bot_id: botId }: SharedMessage) => (user !== undefined && user === deps.botUserId) || (botId !== undefined && botId === deps.botId);
    const answered = (parent !== undefined && ours(parent)) || replies.some(ours);
    const byAPerson = parent !== undefined && parent.bot_id === undefined && parent.user !== undefined;
    return { message: byAPerson ? { ...parent, channel: message.channel } : undefined, answered };
  } catch (error) {
    log.info({ err: errorFields(error) }, 'slack: could not read the first message of the thread');
    return undefined;
  }
}

/**
 * Answers `files` in the thread `thread.ts` of `thread.channel`. When someone asked, every image gets a reply: a
 * result, a notice, or an apology when something unexpected failed; otherwise only what looks like a poster.
 */
export async function answerImages(
  files: readonly SharedFile[],
  thread: AnswerThread,
  requester: Requester,
  asked: boolean,
  deps: FileShareDeps,
): Promise<void> {
  // All files are analysed at once; the answers go out in the order the files were shared.
  const analyses = files.map(async (shared): Promise<Reply | undefined> => {
    const file = await completeFile(shared, deps.client);
    if (!isImage(file)) return undefined;
    const source = sourceOf(file, deps.botToken);
    return asked ? deps.bot.analyzePoster(source, requester) : deps.bot.answerPostedImage(source, requester);
  });
  await answerInThread(analyses, thread, requester, deps);
}

/**
 * Answers each link someone asked about ("Read poster" on a message that links posters, a mention), in the thread; a
 * link whose page gave no picture waits for its `latePreview` where there is one.
 */
export async function answerLinks(
  links: readonly ImageSource[],
  thread: AnswerThread,
  requester: Requester,
  deps: FileShareDeps,
  latePreview?: (link: string) => Promise<string | undefined>,
): Promise<void> {
  await answerInThread(links.map((link) => analyzeLink(deps.bot, link, requester, latePreview)), thread, requester, deps);
}

/** Posts the analyses' replies in the thread, in order, each as soon as it and those before it are done. */
async function answerInThread(
  analyses: ReadonlyArray<Promise<Reply | undefined>>,
  thread: AnswerThread,
  requester: Requester,
  deps: FileShareDeps,
): Promise<void> {
  const log = deps.logger.child({ requestId: requester.requestId, channel: thread.channel });
  const started = performance.now();
  analyses.forEach((analysis) => analysis.catch(() => undefined));
  for (const analysis of analyses) {
    await answerSafely(log, 'slack poster', () => analysis, (reply) => postInThread(deps.client, thread, reply, log, deps.answered));
  }
  log.info({ images: analyses.length, ms: Math.round(performance.now() - started) }, 'slack images answered');
}
