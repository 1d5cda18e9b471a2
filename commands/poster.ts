import { defineCommand } from '../src/core/command.js';
import { linkSource } from '../src/core/message-links.js';
import { notice } from '../src/core/reply.js';

export const poster = defineCommand({
  name: 'poster',
  description: "Guess a movie poster's top genres and its IMDb rating",
  options: [
    { name: 'image', type: 'image', description: 'The poster image' },
    { name: 'url', type: 'url', description: "A link to the poster image, or to a film's web page (http or https)", maxLength: 2000 },
  ],
  async run(ctx) {
    const url = ctx.string('url');
    const source = ctx.image('image') ?? (url === undefined ? undefined : linkSource(url));
    if (source === undefined) {
      const how = ctx.requester.platform === 'slack' ? 'Give a link to a poster' : 'Attach a poster image or give a link to one';
      await ctx.reply(notice('error', `${how}, e.g. \`/poster https://example.com/poster.jpg\`.`));
      return;
    }
    await ctx.reply(await ctx.bot.analyzePoster(source, ctx.requester));
  },
});
