import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { BotServices, CommandContext, CommandDefinition } from '../../core/command.js';
import { notice, UserFacingError, type Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { attachmentSource } from './attachments.js';
import { errorFields } from './errors.js';
import { replyToInteraction } from './interaction-reply.js';
import { NO_MENTIONS } from './render.js';

const SOMETHING_WENT_WRONG = 'Something went wrong on my side. Please try again in a moment.';

export interface InteractionHandlerOptions {
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
}

/**
 * Runs slash commands: defers at once (a download and a model call can outlast Discord's 3 s), builds the
 * command's ctx, and is the one error boundary: a thrown error becomes a private reply and one log line.
 */
export function createInteractionHandler({ bot, commands, logger }: InteractionHandlerOptions) {
  const byName = new Map(commands.map((command) => [command.name, command]));
  return async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const log = logger.child({ platform: 'discord', command: interaction.commandName, requestId: interaction.id });
    const command = byName.get(interaction.commandName);
    if (command === undefined) {
      log.warn('unknown command');
      await interaction.reply({
        content: `I don't know \`/${interaction.commandName}\`: it may have been removed. Try \`/help\`.`,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    try {
      await interaction.deferReply();
      await command.run(commandContext(interaction, { bot, commands, logger: log }));
      log.info({ ms: Date.now() - interaction.createdTimestamp }, `/${command.name} answered`);
    } catch (error) {
      if (!(error instanceof UserFacingError)) log.error(errorFields(error), `/${command.name} failed`);
      const reply: Reply = error instanceof UserFacingError ? notice(error.tone, error.message) : notice('error', SOMETHING_WENT_WRONG);
      await replyToInteraction(interaction, reply, log);
    }
  };
}

function commandContext(interaction: ChatInputCommandInteraction, { bot, commands, logger }: InteractionHandlerOptions): CommandContext {
  return {
    requester: { platform: 'discord', userId: interaction.user.id, requestId: interaction.id },
    bot,
    commands,
    string: (name) => interaction.options.getString(name) ?? undefined,
    image: (name) => {
      const attachment = interaction.options.getAttachment(name);
      return attachment === null ? undefined : attachmentSource(attachment);
    },
    reply: (reply) => replyToInteraction(interaction, reply, logger),
  };
}
