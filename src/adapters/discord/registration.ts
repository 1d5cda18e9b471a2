import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition } from '../../core/command.js';

/** One platform-neutral definition as the JSON Discord's "register commands" endpoints take. */
export function toSlashCommand(command: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder()
    .setName(command.name)
    .setDescription(command.description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  for (const option of command.options) {
    const required = option.required ?? false;
    if (option.type === 'image') {
      builder.addAttachmentOption((input) => input.setName(option.name).setDescription(option.description).setRequired(required));
      continue;
    }
    builder.addStringOption((input) => {
      input.setName(option.name).setDescription(option.description).setRequired(required);
      return option.maxLength === undefined ? input : input.setMaxLength(option.maxLength);
    });
  }
  return builder.toJSON();
}
