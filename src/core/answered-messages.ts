/** How long the bot remembers which of its messages answered which: a deletion after that leaves the answer. */
const KEEP_MS = 7 * 24 * 3600 * 1000;
/** At most this many answered messages are remembered (about 200 bytes each), the oldest forgotten first. */
const MAX_MESSAGES = 20_000;

/**
 * Which of the bot's messages answered which message, so that an answer goes when the person deletes what it answered:
 * left behind, a card would go on quoting a review its author took back, or showing a picture they removed. Adapters
 * record each answer they post; on a deletion they take the answers to delete. Kept in memory: after a restart, earlier
 * answers stay when their messages are deleted.
 *
 * @example
 * const answered = new AnsweredMessages();
 * answered.add(message.channelId, [message.id], sent.id);
 * client.on('messageDelete', (message) => answered.take(message.channelId, message.id).forEach(deleteOurs));
 */
export class AnsweredMessages {
  /** An answer recorded under several messages (a mention and the review it asked about) is handed over once. */
  private readonly answers = new Map<string, { readonly answers: Array<{ readonly id: string; taken: boolean }>; readonly at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The bot's message `answerId` answered messages `messageIds` of `channelId` (or showed what they say). */
  add(channelId: string, messageIds: readonly string[], answerId: string): void {
    this.forgetOld();
    const answer = { id: answerId, taken: false };
    for (const messageId of messageIds) {
      const key = `${channelId}/${messageId}`;
      const known = this.answers.get(key);
      if (known !== undefined) known.answers.push(answer);
      else this.answers.set(key, { answers: [answer], at: this.now() });
    }
  }

  /** The answers to message `messageId` of `channelId` not handed over yet; the message is forgotten (it is gone). */
  take(channelId: string, messageId: string): string[] {
    const key = `${channelId}/${messageId}`;
    const known = this.answers.get(key);
    this.answers.delete(key);
    if (known === undefined || known.at < this.now() - KEEP_MS) return [];
    const untaken = known.answers.filter((answer) => !answer.taken);
    for (const answer of untaken) answer.taken = true;
    return untaken.map((answer) => answer.id);
  }

  private forgetOld(): void {
    const oldest = this.now() - KEEP_MS;
    for (const [key, { at }] of this.answers) {
      if (at >= oldest && this.answers.size < MAX_MESSAGES) break;
      this.answers.delete(key);
    }
  }
}
