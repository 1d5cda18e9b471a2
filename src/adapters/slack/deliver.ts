import type { RespondFn, webApi } from '@slack/bolt';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { PostersReply, Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../error-boundary.js';
import { respondWith } from './command-handler.js';
import { renderReply } from './render.js';

/**
 * Where answers go: the thread of `ts` in `channel`. A shortcut comes with a `respond`, which answers where the bot may
 * not post in the thread (a channel it has not joined, where shortcuts still work).
 */
export interface AnswerThread {
  readonly channel: string;
  readonly ts: string;
  /** The messages (their ts) the answers are about: each answer goes when one of them is deleted. */
  readonly about: readonly string[];
  readonly respond?: RespondFn;
}

/** The thread a message's answers go in: the one it is in, or the one it starts. */
export const threadOf = (channel: string, message: { readonly ts: string; readonly thread_ts?: string }, respond?: RespondFn): AnswerThread =>
  ({ channel, ts: message.thread_ts ?? message.ts, about: [message.ts], ...(respond === undefined ? {} : { respond }) });

/**
 * Posts `reply` in the thread, or through the thread's `respond` when the bot may not post there; `answered` records
 * what it posts against the messages it is about.
 */
export async function postInThread(client: webApi.WebClient, thread: AnswerThread, reply: Reply, log: Logger, answered?: AnsweredMessages): Promise<unknown> {
  const post = client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, unfurl_links: false, ...renderReply(reply) }).then((posted) => {
    if (posted.ts !== undefined) answered?.add(thread.channel, thread.about, posted.ts);
    return posted;
  });
  const { respond } = thread;
  const posted = respond === undefined ? post : post.catch(async (error: unknown) => {
    log.info({ err: errorFields(error) }, 'slack: cannot post in the thread, answering through the response URL');
    return respondWith(respond, reply);
  });
  const sent = await posted;
  if (reply.kind === 'posters') await postTiles(client, thread, reply, log, answered);
  return sent;
}

/** What `files.uploadV2` answers for each file it completed (the client types its answer as any call's). */
type CompletedUploads = ReadonlyArray<{ readonly files?: ReadonlyArray<{ readonly id?: string }> }>;

/** The ids of the files an upload shared: what deletes them (see deletion-handler.ts). */
export const uploadedFileIds = (uploaded: webApi.WebAPICallResult): string[] =>
  ((uploaded as { files?: CompletedUploads }).files ?? []).flatMap((done) => done.files ?? []).flatMap((file) => file.id ?? []);

/**
 * The posters cut out of a picture of several, after their cards and labelled as they are: a Slack card holds no
 * picture of its own, and "Poster 2 of 4" alone is hard to match. Without them the cards still stand.
 */
async function postTiles(client: webApi.WebClient, thread: AnswerThread, reply: PostersReply, log: Logger, answered?: AnsweredMessages): Promise<void> {
  const fileUploads = reply.posters.flatMap(({ tile, fileName }, index) =>
    tile === undefined ? [] : [{ file: Buffer.from(tile), filename: `poster-${index + 1}.jpg`, title: fileName ?? `Poster ${index + 1}` }]);
  if (fileUploads.length === 0) return;
  await client.files.uploadV2({ channel_id: thread.channel, thread_ts: thread.ts, file_uploads: fileUploads })
    .then((uploaded) => uploadedFileIds(uploaded).forEach((id) => answered?.add(thread.channel, thread.about, id)))
    .catch((error: unknown) => log.info({ err: errorFields(error) }, 'slack: could not post the posters cut out of the picture'));
}
