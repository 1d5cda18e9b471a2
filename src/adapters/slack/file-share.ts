import type { App, webApi } from '@slack/bolt';
import type { BotServices, ImageSource } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { renderReply } from './blocks.js';
import { errorFields, errorReply } from './error-reply.js';

/** The fields of a Slack file object the adapter reads. */
export interface SharedFile {
  readonly id: string;
  readonly name?: string | null;
  readonly mimetype?: string;
  readonly url_private_download?: string;
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
}

export interface FileShareDeps {
  readonly bot: BotServices;
  readonly client: webApi.WebClient;
  readonly botToken: string;
  readonly logger: Logger;
}

const isImage = (file: SharedFile): boolean => (file.mimetype ?? '').startsWith('image/');
const mayBeImage = (file: SharedFile): boolean => file.file_access === 'check_file_info' || isImage(file);

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
  return {
    kind: 'url',
    url: file.url_private_download,
    origin: 'platform',
    headers: { Authorization: `Bearer ${botToken}` },
    name: file.name ?? undefined,
  };
}

/**
 * Answers each image of a shared message in its thread. Every image gets a reply: a result, a notice from the
 * bot, or an apology when something unexpected failed (logged once with the request id).
 */
export async function answerFileShare(message: SharedMessage, requestId: string, deps: FileShareDeps): Promise<void> {
  const files = imageFilesOf(message);
  if (files.length === 0) return;
  const log = deps.logger.child({ requestId, channel: message.channel });
  const started = performance.now();
  const requester = { platform: 'slack' as const, userId: message.user ?? '', requestId };
  const analyses = files.map(async (shared): Promise<Reply | undefined> => {
    try {
      const file = await completeFile(shared, deps.client);
      if (!isImage(file)) return undefined;
      return await deps.bot.answerPostedImage(sourceOf(file, deps.botToken), requester);
    } catch (error) {
      log.warn({ err: errorFields(error), file: shared.id }, 'slack poster failed');
      return errorReply(error);
    }
  });
  for (const analysis of analyses) {
    const reply = await analysis;
    if (reply === undefined) continue;
    try {
      await deps.client.chat.postMessage({
        channel: message.channel,
        thread_ts: message.thread_ts ?? message.ts,
        unfurl_links: false,
        ...renderReply(reply),
      });
    } catch (error) {
      log.error({ err: errorFields(error) }, 'slack reply undeliverable');
    }
  }
  log.info({ files: files.length, ms: Math.round(performance.now() - started) }, 'slack file share answered');
}
