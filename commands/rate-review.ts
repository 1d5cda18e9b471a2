import { defineCommand } from '../src/core/command.js';

export const rateReview = defineCommand({
  name: 'rate-review',
  description: 'Rate a movie review from 1 to 10',
  options: [{ name: 'text', type: 'string', description: "The review's text, e.g. 'A slow start, then wonderful.' (not a film's title)", required: true, maxLength: 6000 }],
  async run(ctx) {
    await ctx.reply(await ctx.bot.rateReview(ctx.string('text') ?? '', ctx.requester, { explain: true }));
  },
});
