import type { BotServices, ImageSource, Requester } from './command.js';
import { type LinkPreview, previewOf } from './message-links.js';
import type { Reply } from './reply.js';

/** How long a link whose page gave no picture waits for the platform's preview of it. */
export const LATE_PREVIEW_WAIT_MS = 5_000;
/** Previews are kept this long after their edit, for a link still being downloaded when it came. */
const KEEP_MS = 60_000;
/** At most this many messages' previews are kept, the oldest dropped first. */
const MAX_MESSAGES = 1_000;

/**
 * The link previews a platform adds to a message a second or two after it was posted: Discord's embeds and Slack's
 * unfurls come as an edit of the message, so a mention read at once has none yet. Adapters record each edit that
 * carries previews; a link whose page gives the bot no picture (a post on X) waits here, briefly, for its preview.
 *
 * @example
 * const late = new LatePreviews();
 * client.on('messageUpdate', (_, message) => late.add(message.id, linkPreviews(message)));
 * const picture = await late.previewFor(message.id, 'https://x.com/studio/status/1', LATE_PREVIEW_WAIT_MS);
 */
export class LatePreviews {
  private readonly byMessage = new Map<string, { readonly previews: readonly LinkPreview[]; readonly at: number }>();
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** An edit of message `messageId` (unique on its platform) carrying these previews. */
  add(messageId: string, previews: readonly LinkPreview[]): void {
    if (previews.length === 0) return;
    this.forgetOld();
    this.byMessage.delete(messageId);
    this.byMessage.set(messageId, { previews, at: this.now() });
    for (const wake of this.waiting.get(messageId) ?? []) wake();
  }

  /** The picture a preview of message `messageId` shows for `link`: at once if it came, else when it comes, for up to `waitMs`. */
  async previewFor(messageId: string, link: string, waitMs: number): Promise<string | undefined> {
    const found = () => previewOf(link, this.byMessage.get(messageId)?.previews ?? []);
    if (found() !== undefined || waitMs <= 0) return found();
    const waiters = this.waiting.get(messageId) ?? new Set();
    this.waiting.set(messageId, waiters);
    let wake = () => {};
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve) => {
        wake = () => found() !== undefined && resolve();
        waiters.add(wake);
        timer = setTimeout(resolve, waitMs);
      });
    } finally {
      clearTimeout(timer);
      waiters.delete(wake);
      if (waiters.size === 0) this.waiting.delete(messageId);
    }
    return found();
  }

  private forgetOld(): void {
    const oldest = this.now() - KEEP_MS;
    for (const [messageId, { at }] of this.byMessage) {
      if (at >= oldest && this.byMessage.size < MAX_MESSAGES) break;
      this.byMessage.delete(messageId);
    }
  }
}

/** A reply saying a link could not be read (not one refusing what it showed, nor "slow down"). */
const isUnreadLink = (reply: Reply): boolean => reply.kind === 'notice' && reply.tone === 'error' && reply.notAPoster === undefined;

/**
 * Reads a link someone asked about as a poster. When its page gave the bot no picture and the platform had not
 * previewed the link yet, `latePreview` waits for that preview, and the picture it shows is read instead.
 */
export async function analyzeLink(
  bot: Pick<BotServices, 'analyzePoster'>,
  source: ImageSource,
  requester: Requester,
  latePreview?: (link: string) => Promise<string | undefined>,
): Promise<Reply> {
  const reply = await bot.analyzePoster(source, requester);
  if (source.kind !== 'url' || source.preview !== undefined || latePreview === undefined || !isUnreadLink(reply)) return reply;
  const preview = await latePreview(source.url);
  return preview === undefined ? reply : bot.analyzePoster({ ...source, preview }, requester);
}
