import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  PermissionFlagsBits,
  REST,
  Routes,
  type APIApplication,
  type APIApplicationCommand,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition } from '../../core/command.js';
import { RATE_REVIEW } from './rate-review-handler.js';
import { READ_POSTER } from './read-poster-handler.js';

/** One platform-neutral definition as the JSON Discord's "register commands" endpoints take. */
export function toSlashCommand(command: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder()
    .setName(command.name)
    .setDescription(command.description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  if (command.adminOnly === true) builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
  for (const option of command.options) {
    const required = option.required ?? false;
    if (option.type === 'image') {
      builder.addAttachmentOption((input) => input.setName(option.name).setDescription(option.description).setRequired(required));
      continue;
    }
    builder.addStringOption((input) => {
      input.setName(option.name).setDescription(option.description).setRequired(required);
      if (option.choices !== undefined) input.addChoices(...option.choices.map((choice) => ({ name: choice, value: choice })));
      return option.maxLength === undefined ? input : input.setMaxLength(option.maxLength);
    });
  }
  return builder.toJSON();
}

/** "Read poster" and "Rate review" in a message's Apps menu: they work without the Message Content intent. */
function messageCommand(name: typeof READ_POSTER | typeof RATE_REVIEW): RESTPostAPIApplicationCommandsJSONBody {
  return new ContextMenuCommandBuilder()
    .setName(name)
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON();
}

export interface RegisterTarget {
  readonly token: string;
  readonly apiUrl: string;
  /** A guild's commands update at once; global ones are what every server sees once the bot is public. */
  readonly guildId?: string;
}

export interface Registration {
  readonly scope: string;
  readonly names: readonly string[];
}

/**
 * Replaces the application's slash commands with `commands` (one bulk overwrite, so a removed command
 * disappears too). Run from `npm run register-commands`, never at start-up: Discord limits command creations per day.
 */
export async function registerCommands(target: RegisterTarget, commands: readonly CommandDefinition[]): Promise<Registration> {
  const rest = new REST({ api: target.apiUrl }).setToken(target.token);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const route =
    target.guildId === undefined ? Routes.applicationCommands(application.id) : Routes.applicationGuildCommands(application.id, target.guildId);
  const registered = (await rest.put(route, { body: [...commands.map(toSlashCommand), messageCommand(READ_POSTER), messageCommand(RATE_REVIEW)] })) as APIApplicationCommand[];
  return {
    scope: target.guildId === undefined ? 'globally (may take a while to show everywhere)' : `in guild ${target.guildId}`,
    names: registered.map((command) => command.name),
  };
}
