import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { Reply } from '../../core/reply.js';
import { deliver } from './deliver.js';
import { errorFields } from '../../util/error-message.js';
import { isPrivate, NO_MENTIONS, renderReply } from './render.js';

const MOVED_TO_PRIVATE = "I couldn't answer this one; I've sent you the details privately.";

/**
 * Sends a {@link Reply} to a slash command in whatever state the interaction is in, and says which message shows it
 * in the channel (undefined when it went privately). Errors and "busy" notices go only to the user who asked, even
 * after a public deferral: Discord shows the first message after a deferral with the deferral's visibility whatever
 * its flags, so that message is a short public note, the details follow privately and the note is then removed.
 */
export async function replyToInteraction(interaction: RepliableInteraction, reply: Reply, logger: Logger): Promise<string | undefined> {
  const payload = renderReply(reply);
  const privately = isPrivate(reply);
  const send = <T>(call: () => Promise<T>) => deliver(call, logger);
  if (!interaction.deferred && !interaction.replied) {
    const response = await send(() => interaction.reply(privately ? { ...payload, flags: MessageFlags.Ephemeral, withResponse: true } : { ...payload, withResponse: true }));
    return privately ? undefined : response.resource?.message?.id;
  }
  if (interaction.replied) {
    const sent = await send(() => interaction.followUp(privately ? { ...payload, flags: MessageFlags.Ephemeral } : payload));
    return privately ? undefined : sent.id;
  }
  if (!privately || interaction.ephemeral) {
    const sent = await send(() => interaction.editReply(payload));
    return interaction.ephemeral ? undefined : sent.id;
  }
  await send(() => interaction.editReply({ content: MOVED_TO_PRIVATE, allowedMentions: NO_MENTIONS }));
  await send(() => interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral }));
  await interaction.deleteReply().catch((error: unknown) => logger.warn({ err: errorFields(error) }, 'could not remove the public note'));
  return undefined;
}
