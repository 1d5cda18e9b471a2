import type { ButtonInteraction } from 'discord.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { BotServices, Requester } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { type KeptImageButton, READ_ANYWAY_BUTTON, WHY_BUTTON } from '../button-ids.js';
import { answerSafely } from '../error-boundary.js';
import { replyWhenReady } from './deferral.js';
import { requesterOf } from './requester.js';

/** The buttons about an image the bot kept, and what the bot answers each with. */
const KEPT_IMAGE_BUTTONS: ReadonlyArray<{
  readonly button: KeptImageButton;
  readonly answer: (bot: BotServices, posterId: string, requester: Requester, messageId: string) => Promise<Reply>;
}> = [
  { button: WHY_BUTTON, answer: (bot, posterId, requester) => bot.explainAnswer(posterId, requester) },
  { button: READ_ANYWAY_BUTTON, answer: (bot, posterId, requester, messageId) => bot.readAnyway(posterId, requester, messageId) },
];

export const isKeptImageButton = (customId: string): boolean => KEPT_IMAGE_BUTTONS.some(({ button }) => button.parse(customId) !== undefined);

/**
 * "Why?" under a poster answer (a reply with the top genre's heat map over the poster) and "Read it anyway" under a
 * "not a movie poster" refusal (the refused image's answer). Deferred only when the answer is slow (the models are
 * busy).
 */
export function createKeptImageButtonHandler({ bot, logger, answered }: { readonly bot: BotServices; readonly logger: Logger; readonly answered: AnsweredMessages }) {
  return async (interaction: ButtonInteraction): Promise<void> => {
    const pressed = KEPT_IMAGE_BUTTONS.map(({ button, answer }) => ({ name: button.prefix, answer, posterId: button.parse(interaction.customId) }))
      .find(({ posterId }) => posterId !== undefined);
    if (pressed === undefined) return;
    const { name, answer, posterId } = pressed;
    const log = logger.child({ platform: 'discord', requestId: interaction.id, button: name });
    // The answer shows the image under the message pressed on, so it goes when that message goes.
    const { send } = replyWhenReady(interaction, log, { answered, messageId: interaction.message.id });
    await answerSafely(log, name, () => answer(bot, posterId!, requesterOf(interaction), interaction.message.id), send);
  };
}
