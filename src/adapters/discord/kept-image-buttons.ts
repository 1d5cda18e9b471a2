import type { ButtonInteraction } from 'discord.js';
import type { BotServices, Requester } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { parseReadAnywayId, parseWhyId } from '../button-ids.js';
import { answerSafely } from '../error-boundary.js';
import { replyToInteraction } from './interaction-reply.js';
import { requesterOf } from './requester.js';

/** The buttons about an image the bot kept: what each one's id names, and what the bot answers it with. */
const KEPT_IMAGE_BUTTONS: ReadonlyArray<{
  readonly name: string;
  readonly parse: (customId: string) => string | undefined;
  readonly answer: (bot: BotServices, posterId: string, requester: Requester) => Promise<Reply>;
}> = [
  { name: 'why', parse: parseWhyId, answer: (bot, posterId, requester) => bot.explainAnswer(posterId, requester) },
  { name: 'read anyway', parse: parseReadAnywayId, answer: (bot, posterId, requester) => bot.readAnyway(posterId, requester) },
];

export const isKeptImageButton = (customId: string): boolean => KEPT_IMAGE_BUTTONS.some(({ parse }) => parse(customId) !== undefined);

/**
 * "Why?" under a poster answer (a reply with the top genre's heat map over the poster) and "Read it anyway" under a
 * "not a movie poster" refusal (the refused image's answer). Deferred at once, since the models behind either can
 * outlast Discord's 3 s when they are busy.
 */
export function createKeptImageButtonHandler({ bot, logger }: { readonly bot: BotServices; readonly logger: Logger }) {
  return async (interaction: ButtonInteraction): Promise<void> => {
    const button = KEPT_IMAGE_BUTTONS.find(({ parse }) => parse(interaction.customId) !== undefined);
    const posterId = button?.parse(interaction.customId);
    if (button === undefined || posterId === undefined) return;
    const log = logger.child({ platform: 'discord', requestId: interaction.id, button: button.name });
    await answerSafely(
      log,
      button.name,
      async () => {
        await interaction.deferReply();
        return button.answer(bot, posterId, requesterOf(interaction));
      },
      (reply) => replyToInteraction(interaction, reply, log),
    );
  };
}
