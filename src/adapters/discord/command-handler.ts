import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { runCommand, type BotServices, type CommandContext, type CommandDefinition } from '../../core/command.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { attachmentSource } from './attachments.js';
import { replyWhenReady } from './deferral.js';
import { canManageServer, requesterOf } from './requester.js';

export interface CommandHandlerOptions {
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
}

/**
 * Runs slash commands: builds the command's ctx and runs it inside the adapter's error boundary. A command whose
 * answers are all private defers at once, privately; any other defers only when it is slow (a download and a model
 * call can outlast Discord's 3 s), so a quick private answer, such as a refusal, stays private.
 */
export function createCommandHandler({ bot, commands, logger }: CommandHandlerOptions) {
  const byName = new Map(commands.map((command) => [command.name, command]));
  return async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const log = logger.child({ platform: 'discord', command: interaction.commandName, requestId: interaction.id });
    const command = byName.get(interaction.commandName);
    const { send: reply, stop } = replyWhenReady(interaction, log);
    await answerSafely(log, `/${interaction.commandName}`, async () => {
      if (command === undefined) {
        log.warn('unknown command');
        return notice('error', `I don't know \`/${interaction.commandName}\`: it may have been removed. Try \`/help\`.`);
      }
      // Deferred privately at once: a direct reply would take each answer's own visibility.
      if (command.answersPrivately === true) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await runCommand(command, commandContext(interaction, { bot, commands, logger: log }, reply));
      log.info({ ms: Date.now() - interaction.createdTimestamp }, `/${command.name} answered`);
      return undefined;
    }, reply);
    await stop();
  };
}

function commandContext(interaction: ChatInputCommandInteraction, { bot, commands }: CommandHandlerOptions, reply: (answer: Reply) => Promise<void>): CommandContext {
  return {
    requester: requesterOf(interaction),
    bot,
    commands,
    string: (name) => interaction.options.getString(name) ?? undefined,
    image: (name) => {
      const attachment = interaction.options.getAttachment(name);
      return attachment === null ? undefined : attachmentSource(attachment);
    },
    reply,
    isAdmin: async () => canManageServer(interaction),
  };
}
