import { defineCommand } from '../src/core/command.js';
import { notice } from '../src/core/reply.js';

export const help = defineCommand({
  name: 'help',
  description: 'What MovieBot does and how to use it',
  options: [],
  async run(ctx) {
    const lines = ctx.commands.map((command) => `• \`/${command.name}\`: ${command.description}`);
    await ctx.reply(
      notice(
        'info',
        [
          'Post a movie poster (or use `/poster`) and I guess its top 3 genres and IMDb rating. A picture of several posters side by side (your four favourites, say) gets an answer for each, up to ten.',
          ...lines,
          '• Mention me with a link to a poster or a film\'s page and I read it; mention me with a review ("just watched Barbie, loved it") and I rate it.',
          `• Mention me ${ctx.requester.platform === 'slack' ? "in the thread of someone's" : "in a reply to someone's"} poster or review ("what genre is this?", "rate this") and I read theirs.`,
          `• On someone's message (${ctx.requester.platform === 'slack' ? 'its ⋮ menu' : 'right-click it → Apps'}): "Read poster" reads its poster, "Rate review" rates what it says.`,
          '• Delete your message and I delete my answer to it.',
        ].join('\n'),
      ),
    );
  },
});
