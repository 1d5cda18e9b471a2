import { randomUUID } from 'node:crypto';
import type { App, RespondFn, SlashCommand, webApi } from '@slack/bolt';
import { runCommand, slackTextOption, type BotServices, type CommandContext, type CommandDefinition } from '../../core/command.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { isPrivate, renderReply } from './render.js';
import { isDirectChannel, isWorkspaceAdmin, slackRequester } from './requester.js';

export interface SlashCommandDeps {
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
}

/** Results go to the channel; notices (help, errors, "slow down") only to the person who asked. */
export const respondWith = (respond: RespondFn, reply: Reply): Promise<unknown> =>
  respond({ ...renderReply(reply), response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel' });

/** Slack sends the whole line as free text, so the checks Discord makes for us (required, length) happen here. */
function checkText(command: CommandDefinition, text: string): Reply | undefined {
  const option = slackTextOption(command);
  if (option === undefined) return undefined;
  const usage = `Usage: \`/${command.name} <${option.name}>\` (${option.description}).`;
  if (option.required && text === '') return notice('error', usage);
  if (option.maxLength !== undefined && text.length > option.maxLength) {
    return notice('error', `That is ${text.length} characters; \`/${command.name}\` takes at most ${option.maxLength}.`);
  }
  if (option.choices !== undefined && text !== '' && !option.choices.includes(text)) {
    return notice('error', `${usage} Choose one of: ${option.choices.join(', ')}.`);
  }
  return undefined;
}

function slashContext(command: CommandDefinition, payload: SlashCommand, respond: RespondFn, deps: SlashCommandDeps & { client: webApi.WebClient }): CommandContext {
  const text = payload.text.trim();
  const textOption = slackTextOption(command);
  return {
    requester: slackRequester(payload.user_id, payload.channel_id, payload.team_id, randomUUID(), isDirectChannel(payload.channel_id)),
    isAdmin: () => isWorkspaceAdmin(deps.client, payload.user_id),
    bot: deps.bot,
    commands: deps.commands,
    string: (name) => (name === textOption?.name && text !== '' ? text : undefined),
    image: () => undefined,
    reply: async (reply) => {
      await respondWith(respond, reply);
    },
  };
}

/** Registers every command on the app: `ack()` first, then the command's `run` inside one error boundary. */
export function registerSlashCommands(app: App, deps: SlashCommandDeps): void {
  for (const command of deps.commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond, client }) => {
      await ack();
      const ctx = slashContext(command, payload, respond, { ...deps, client });
      const log = deps.logger.child({ command: command.name, requestId: ctx.requester.requestId });
      await answerSafely(log, `slack /${command.name}`, async () => {
        const problem = checkText(command, payload.text.trim());
        if (problem !== undefined) return problem;
        await runCommand(command, ctx);
        return undefined;
      }, (reply) => respondWith(respond, reply));
    });
  }
}
