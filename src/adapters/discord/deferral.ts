import type { RepliableInteraction } from 'discord.js';

/**
 * How long an answer may take before its interaction is deferred. Discord wants an acknowledgement within 3 s; an
 * answer ready before then is the reply itself, so a private one ("not a movie poster", "slow down") stays private
 * instead of passing through a public "thinking…" and a note that the details were sent privately.
 */
const DEFER_AFTER_MS = 1500;

/**
 * Defers `interaction` (publicly) only if nothing was sent within {@link DEFER_AFTER_MS}. Call `beforeReply`
 * before each send: it stops the clock and waits for a deferral already on its way, so the send sees the
 * interaction's real state.
 */
export function deferWhenSlow(interaction: RepliableInteraction): { readonly beforeReply: () => Promise<void> } {
  let deferral: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    // A failed deferral leaves the interaction unacknowledged, and the send then answers it directly.
    if (!interaction.deferred && !interaction.replied) deferral = interaction.deferReply().catch(() => undefined);
  }, DEFER_AFTER_MS);
  return {
    beforeReply: async () => {
      clearTimeout(timer);
      await deferral;
    },
  };
}
