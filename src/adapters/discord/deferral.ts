import type { RepliableInteraction } from 'discord.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { replyToInteraction } from './interaction-reply.js';

/**
 * How long an answer may take before its interaction is deferred. Discord wants an acknowledgement within 3 s; an
 * answer ready before then is the reply itself, so a private one ("not a movie poster", "slow down") stays private
 * instead of passing through a public "thinking…" and a note that the details were sent privately.
 */
const DEFER_AFTER_MS = 1500;

/** Sends an interaction's answers, having deferred it (publicly) only if none was ready within {@link DEFER_AFTER_MS}. */
export interface InteractionReplier {
  /** Stops the clock, waits for a deferral already on its way, then sends `reply` as the interaction's state allows. */
  readonly send: (reply: Reply) => Promise<void>;
  /** Stops the clock without sending, for a handler that may end with nothing to say. */
  readonly stop: () => Promise<void>;
}

/** The message an interaction's answers are about (the one "Read poster" was used on, the card under "Why?"). */
export interface AnswerAbout {
  readonly answered: AnsweredMessages;
  readonly messageId: string;
}

/** `about`: where the public answers are recorded against that message, to go when it is deleted. */
export function replyWhenReady(interaction: RepliableInteraction, logger: Logger, about?: AnswerAbout): InteractionReplier {
  let deferral: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    // A failed deferral leaves the interaction unacknowledged, and the send then answers it directly.
    if (!interaction.deferred && !interaction.replied) deferral = interaction.deferReply().catch(() => undefined);
  }, DEFER_AFTER_MS);
  const stop = async () => {
    clearTimeout(timer);
    await deferral;
  };
  return {
    stop,
    send: async (reply) => {
      await stop();
      const shownIn = await replyToInteraction(interaction, reply, logger);
      if (shownIn !== undefined && about !== undefined && interaction.channelId !== null) about.answered.add(interaction.channelId, [about.messageId], shownIn);
    },
  };
}
