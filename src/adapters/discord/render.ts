import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, StringSelectMenuBuilder, type BaseMessageOptions } from 'discord.js';
import { MAX_CORRECTED_GENRES } from '../../core/feedback.js';
import { GENRES } from '../../core/genres.js';
import { formatWordWeights, type Reply } from '../../core/reply.js';
import { feedbackId } from '../feedback-ids.js';

const BAR_CELLS = 10;
const MAX_CONTENT = 2000;
const COLOURS = { poster: 0xe5a00d, review: 0x5865f2, info: 0x5865f2, error: 0xed4245, busy: 0xfee75c } as const;

/** `▰▰▰▰▰▰▱▱▱▱ 62%`: readable at a glance on desktop and mobile alike. */
export function probabilityBar(probability: number): string {
  const clamped = Math.min(1, Math.max(0, probability));
  const filled = Math.round(clamped * BAR_CELLS);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)} ${Math.round(clamped * 100)}%`;
}

export const formatRating = (rating: number): string => `${rating.toFixed(1)} / 10`;

/** Replies never ping anyone: the text may quote users, and a reply that pings its author is noise. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;

/** A {@link Reply} as Discord message options: results are embeds, notices plain text. */
export function renderReply(reply: Reply): BaseMessageOptions {
  switch (reply.kind) {
    case 'poster': {
      const embed = new EmbedBuilder()
        .setColor(COLOURS.poster)
        .setTitle(reply.fileName ? `🎬 ${truncate(reply.fileName, 200)}` : '🎬 Poster')
        .setDescription(reply.result.top3.map(([genre, p]) => `**${genre}**\n${probabilityBar(p)}`).join('\n'))
        .addFields({ name: 'Predicted IMDb rating', value: `⭐ ${formatRating(reply.result.rating)}` });
      if (isWebUrl(reply.imageUrl)) embed.setThumbnail(reply.imageUrl);
      const components = reply.answerId === undefined ? [] : [feedbackButtons(reply.answerId).toJSON()];
      return { embeds: [embed.toJSON()], components, allowedMentions: NO_MENTIONS };
    }
    case 'correction':
      return { content: reply.text, components: [genrePicker(reply.answerId).toJSON()], allowedMentions: NO_MENTIONS };
    case 'review': {
      const embed = new EmbedBuilder()
        .setColor(COLOURS.review)
        .setTitle(`Review rating: ${formatRating(reply.result.rating)}`)
        .setDescription(`> ${truncate(reply.text, 1000).replaceAll('\n', '\n> ')}`);
      const words = reply.result.words ?? [];
      if (words.length > 0) embed.addFields({ name: 'Words that moved it', value: truncate(formatWordWeights(words), 1024) });
      return { embeds: [embed.toJSON()], allowedMentions: NO_MENTIONS };
    }
    case 'notice':
      return { content: truncate(reply.text, MAX_CONTENT), allowedMentions: NO_MENTIONS };
  }
}

/** Errors, "busy" notices, settings and feedback concern only the person who asked. */
export const isPrivate = (reply: Reply): boolean =>
  reply.kind === 'correction' || (reply.kind === 'notice' && (reply.tone !== 'info' || reply.private === true));

function feedbackButtons(answerId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(feedbackId('up', answerId)).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(feedbackId('down', answerId)).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
}

function genrePicker(answerId: string): ActionRowBuilder<StringSelectMenuBuilder> {
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
    new StringSelectMenuBuilder()
      .setCustomId(feedbackId('genres', answerId))
      .setPlaceholder('The genres it really has')
      .setMinValues(1)
      .setMaxValues(MAX_CORRECTED_GENRES)
      .addOptions(GENRES.map((genre) => ({ label: genre, value: genre }))),
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function isWebUrl(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\/[^\s]+$/i.test(url) && url.length <= 2048;
}
