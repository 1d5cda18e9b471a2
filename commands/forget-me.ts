import { defineCommand } from '../src/core/command.js';

export const forgetMe = defineCommand({
  name: 'forget-me',
  description: 'Delete every feedback vote you gave MovieBot',
  options: [],
  answersPrivately: true,
  async run(ctx) {
    await ctx.reply(await ctx.bot.forgetUser(ctx.requester));
  },
});
