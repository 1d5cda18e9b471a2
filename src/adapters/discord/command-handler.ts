import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { runCommand, type BotServices, type CommandContext, type CommandDefinition } from '../../core/command.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { attachmentSource } from './attachments.js';
import { replyToInteraction } from './interaction-reply.js';
import { canManageServer, requesterOf } from './requester.js';

export interface CommandHandlerOptions {
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
}

/**
 * Runs slash commands: defers at once (a download and a model call can outlast Discord's 3 s), builds the
 * command's ctx, and runs it inside the adapter's error boundary.
 */
export function createCommandHandler({ bot, commands, logger }: CommandHandlerOptions) {
  const byName = new Map(commands.map((command) => [command.name, command]));
  return async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const log = logger.child({ platform: 'discord', command: interaction.commandName, requestId: interaction.id });
    const command = byName.get(interaction.commandName);
    const reply = (answer: Reply) => replyToInteraction(interaction, answer, log);
    await answerSafely(log, `/${interaction.commandName}`, async () => {
      if (command === undefined) {
        log.warn('unknown command');
        return notice('error', `I don't know \`/${interaction.commandName}\`: it may have been removed. Try \`/help\`.`);
      }
      await interaction.deferReply(command.answersPrivately === true ? { flags: MessageFlags.Ephemeral } : {});
      await runCommand(command, commandContext(interaction, { bot, commands, logger: log }));
      log.info({ ms: Date.now() - interaction.createdTimestamp }, `/${command.name} answered`);
      return undefined;
    }, reply);
  };
}

function commandContext(interaction: ChatInputCommandInteraction, { bot, commands, logger }: CommandHandlerOptions): CommandContext {
  return {
    requester: requesterOf(interaction),
    bot,
    commands,
    string: (name) => interaction.options.getString(name) ?? undefined,
    image: (name) => {
      const attachment = interaction.options.getAttachment(name);
      return attachment === null ? undefined : attachmentSource(attachment);
    },
    reply: (reply) => replyToInteraction(interaction, reply, logger),
    isAdmin: async () => canManageServer(interaction),
  };
}
