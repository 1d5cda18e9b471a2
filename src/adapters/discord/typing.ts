import type { Message } from 'discord.js';

/** Discord shows "typing…" for 10 s per call. */
const TYPING_REFRESH_MS = 8_000;

/**
 * One "typing…" per channel while any message there is being worked on: a burst of posters in a channel costs
 * one typing call every 8 s, not one per poster.
 */
export class TypingIndicators {
  private readonly channels = new Map<string, { users: number; timer: NodeJS.Timeout }>();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Starts (or joins) the indicator in the message's channel; call the returned function when done. */
  start(message: Message): () => void {
    const { channel } = message;
    if (!('sendTyping' in channel)) return () => {};
    const send = () => void channel.sendTyping().catch(this.onError);
    const current = this.channels.get(channel.id);
    if (current !== undefined) current.users += 1;
    else {
      send();
      this.channels.set(channel.id, { users: 1, timer: setInterval(send, TYPING_REFRESH_MS) });
    }
    return () => this.release(channel.id);
  }

  private release(channelId: string): void {
    const current = this.channels.get(channelId);
    if (current === undefined) return;
    current.users -= 1;
    if (current.users > 0) return;
    clearInterval(current.timer);
    this.channels.delete(channelId);
  }
}
