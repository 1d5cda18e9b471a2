import { IMAGE_REPLY_MODES, type ImageReplyMode } from '../src/config.js';
import { defineCommand } from '../src/core/command.js';
import { privateNotice } from '../src/core/reply.js';

export const settings = defineCommand({
  name: 'settings',
  description: 'Choose which images MovieBot answers in this channel (admins)',
  adminOnly: true,
  answersPrivately: true,
  options: [
    {
      name: 'image-replies',
      type: 'string',
      description: 'auto: posters only; mention: when mentioned; off: only on request. Leave out to see the current one',
      required: false,
      choices: IMAGE_REPLY_MODES,
    },
  ],
  async run(ctx) {
    const mode = ctx.string('image-replies');
    if (mode === undefined) {
      await ctx.reply(await ctx.bot.showImageReplyMode(ctx.requester));
      return;
    }
    if (!(IMAGE_REPLY_MODES as readonly string[]).includes(mode)) {
      await ctx.reply(privateNotice(`Choose one of ${IMAGE_REPLY_MODES.map((m) => `\`${m}\``).join(', ')}, e.g. \`/settings auto\`.`, 'error'));
      return;
    }
    await ctx.reply(await ctx.bot.setImageReplyMode(ctx.requester, mode as ImageReplyMode));
  },
});
