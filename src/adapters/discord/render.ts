import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, embedLength, StringSelectMenuBuilder, type APIEmbed, type BaseMessageOptions } from 'discord.js';
import { MAX_CORRECTED_GENRES } from '../../core/feedback.js';
import { GENRES } from '../../core/genres.js';
import type { SimilarPoster } from '../../core/predictions.js';
import {
  forcedReadCaption, formatRating, formatWordWeights, hasNoClearOpinion, heatmapCaption, heatmapFileName, imdbUrl, NO_CLEAR_OPINION_CAPTION, posterRatingCaption, READ_ANYWAY,
  readDespiteGate, RECOGNISED_HEADING, readAsQuote, recognisedFacts, similarLabel, statedCaption, tilesHeading, type PosterReply, type Reply, wordsWorthShowing,
} from '../../core/reply.js';
import { feedbackId, readAnywayId, whyId } from '../button-ids.js';
import type { ReplyPermissions } from './channel-permissions.js';

const BAR_CELLS = 10;
const MAX_CONTENT = 2000;
const COLOURS = { poster: 0xe5a00d, review: 0x5865f2, info: 0x5865f2, error: 0xed4245, busy: 0xfee75c } as const;

/** `▰▰▰▰▰▰▱▱▱▱ 62%`: readable at a glance on desktop and mobile alike. */
export function probabilityBar(probability: number): string {
  const clamped = Math.min(1, Math.max(0, probability));
  const filled = Math.round(clamped * BAR_CELLS);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)} ${Math.round(clamped * 100)}%`;
}

/** Replies never ping anyone: the text may quote users, and a reply that pings its author is noise. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;

/** A {@link Reply} as Discord message options: results are embeds, notices plain text. */
export function renderReply(reply: Reply): BaseMessageOptions {
  switch (reply.kind) {
    case 'poster': {
      const buttons = answerButtons(reply.answerId, reply.whyId);
      return { embeds: [posterEmbed(reply).toJSON()], components: buttons === undefined ? [] : [buttons.toJSON()], allowedMentions: NO_MENTIONS };
    }
    case 'posters': {
      // Each card shows its poster, cut out of the picture, as its thumbnail: "Poster 2 of 4" alone is hard to match.
      const files = reply.posters.map(({ tile }, index) => ({ attachment: Buffer.from(tile ?? []), name: `poster-${index + 1}.jpg` }));
      const cards = (withSimilar: boolean) =>
        reply.posters.map((poster, index) => posterEmbed(poster, withSimilar).setThumbnail(`attachment://${files[index]!.name}`).toJSON());
      // Ten cards with three "Looks like" links each can pass what Discord takes in one message: those links go first.
      const withSimilar = cards(true);
      const embeds = fitsOneMessage(withSimilar) ? withSimilar : cards(false);
      return { content: tilesHeading(reply), embeds, files, allowedMentions: NO_MENTIONS };
    }
    case 'heatmap': {
      const { genre } = reply.explanation.heatmap;
      const file = { attachment: Buffer.from(reply.explanation.overlayPng), name: heatmapFileName(genre) };
      return { content: heatmapCaption(genre), files: [file], allowedMentions: NO_MENTIONS };
    }
    case 'correction':
      return { content: reply.text, components: [genrePicker(reply.answerId).toJSON()], allowedMentions: NO_MENTIONS };
    case 'review': {
      const embed = new EmbedBuilder()
        .setColor(COLOURS.review)
        .setTitle(`Review rating: ${formatRating(reply.result.rating)}`)
        .setDescription(`> ${truncate(reply.text, 1000).replaceAll('\n', '\n> ')}`);
      const words = wordsWorthShowing(reply.result.words);
      if (reply.result.stated !== undefined) embed.addFields({ name: 'Where it comes from', value: statedCaption(reply.result.stated) });
      if (hasNoClearOpinion(reply.result)) embed.addFields({ name: 'No clear opinion', value: NO_CLEAR_OPINION_CAPTION });
      if (words.length > 0 && reply.result.readAs !== undefined) embed.addFields({ name: 'Read as', value: truncate(readAsQuote(reply.result.readAs), 1024) });
      if (words.length > 0) embed.addFields({ name: 'Words that moved it', value: truncate(formatWordWeights(words), 1024) });
      return { embeds: [embed.toJSON()], allowedMentions: NO_MENTIONS };
    }
    case 'notice': {
      const keptId = reply.notAPoster?.keptId;
      const button = keptId && new ButtonBuilder().setCustomId(readAnywayId(keptId)).setLabel(READ_ANYWAY).setStyle(ButtonStyle.Secondary);
      return {
        content: truncate(reply.text, MAX_CONTENT),
        ...(button ? { components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button).toJSON()] } : {}),
        allowedMentions: NO_MENTIONS,
      };
    }
  }
}

/**
 * A rendered reply as the channel lets the bot send it: without Embed Links its cards become text (Discord would drop
 * them, and refuse a message left empty), without Attach Files the cut-out posters stay behind.
 */
export function withinPermissions(options: BaseMessageOptions, allowed: Pick<ReplyPermissions, 'embeds' | 'files'>): BaseMessageOptions {
  const { embeds = [], files = [], content, ...rest } = options;
  const shown = allowed.embeds ? { embeds } : { embeds: [] };
  const text = allowed.embeds ? content : [content, ...embeds.map((embed) => embedAsText('toJSON' in embed ? embed.toJSON() : embed))].filter(Boolean).join('\n\n');
  return { ...rest, ...shown, ...(text === undefined ? {} : { content: truncate(text, MAX_CONTENT) }), ...(allowed.files ? { files } : {}) };
}

/** An embed's title, text and fields as message text, which Discord shows without Embed Links. */
function embedAsText(embed: APIEmbed): string {
  const fields = (embed.fields ?? []).map(({ name, value }) => `**${name}**: ${value}`);
  return [embed.title === undefined ? undefined : `**${embed.title}**`, embed.description, ...fields].filter((part) => part !== undefined).join('\n');
}

/** Discord shows at most this many rows of buttons under a message. */
const MAX_BUTTON_ROWS = 5;

/**
 * The answers to the pictures of one message as one message (Discord takes ten embeds), rather than a reply each that
 * floods the channel: the cards numbered, and the buttons of the first five in rows numbered to match.
 */
export function renderPosterCards(cards: readonly PosterReply[]): BaseMessageOptions {
  const embeds = (withSimilar: boolean) =>
    cards.map((card, index) => posterEmbed(card, withSimilar).setTitle(`${index + 1} · ${posterTitle(card)}`).toJSON());
  const withSimilar = embeds(true);
  const rows = cards.slice(0, MAX_BUTTON_ROWS).flatMap((card, index) => answerButtons(card.answerId, card.whyId, index + 1)?.toJSON() ?? []);
  return { embeds: fitsOneMessage(withSimilar) ? withSimilar : embeds(false), components: rows, allowedMentions: NO_MENTIONS };
}

const posterTitle = (reply: PosterReply): string => (reply.fileName ? `🎬 ${truncate(reply.fileName, 200)}` : '🎬 Poster');

/** The card of one poster's answer: its top genres, predicted rating and what it looks like. */
function posterEmbed(reply: PosterReply, withSimilar = true): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setColor(COLOURS.poster)
    .setTitle(posterTitle(reply))
    .setDescription(reply.result.top3.map(([genre, p]) => `**${genre}**\n${probabilityBar(p)}`).join('\n'))
    .addFields({ name: 'Predicted IMDb rating', value: `⭐ ${posterRatingCaption(reply.result)}` });
  if (readDespiteGate(reply.result)) embed.addFields({ name: READ_ANYWAY, value: forcedReadCaption(reply.result.poster) });
  const { recognised } = reply.result;
  if (recognised) embed.addFields({ name: RECOGNISED_HEADING, value: `${similarLink(recognised)}${recognisedFacts(recognised)}` });
  const similar = withSimilar ? reply.result.similar ?? [] : [];
  if (similar.length > 0) embed.addFields({ name: 'Looks like', value: truncate(similar.map(similarLink).join(' · '), 1024) });
  if (isWebUrl(reply.imageUrl)) embed.setThumbnail(reply.imageUrl);
  return embed;
}

/** Discord refuses a message whose embeds hold more than 6,000 characters in all. */
const MESSAGE_EMBED_CHARACTERS = 6000;
const fitsOneMessage = (embeds: readonly APIEmbed[]): boolean => embeds.reduce((sum, embed) => sum + embedLength(embed), 0) <= MESSAGE_EMBED_CHARACTERS;

/** Errors, "busy" notices, settings and feedback concern only the person who asked. */
export const isPrivate = (reply: Reply): boolean =>
  reply.kind === 'correction' || (reply.kind === 'notice' && (reply.tone !== 'info' || reply.private === true));

/**
 * 👍 and 👎 when the answer takes votes, "Why?" when its heat map can be asked for; undefined when neither. `number`
 * labels the row with its card's number, in a message of several cards.
 */
function answerButtons(answerId: string | undefined, posterId: string | undefined, number?: number): ActionRowBuilder<ButtonBuilder> | undefined {
  const buttons: ButtonBuilder[] = [];
  if (answerId !== undefined) {
    const up = new ButtonBuilder().setCustomId(feedbackId('up', answerId)).setEmoji('👍').setStyle(ButtonStyle.Secondary);
    buttons.push(
      number === undefined ? up : up.setLabel(String(number)),
      new ButtonBuilder().setCustomId(feedbackId('down', answerId)).setEmoji('👎').setStyle(ButtonStyle.Secondary),
    );
  }
  if (posterId !== undefined) {
    buttons.push(new ButtonBuilder().setCustomId(whyId(posterId)).setLabel(number === undefined || answerId !== undefined ? 'Why?' : `Why ${number}?`).setEmoji('🔍').setStyle(ButtonStyle.Secondary));
  }
  return buttons.length === 0 ? undefined : new ActionRowBuilder<ButtonBuilder>().addComponents(...buttons);
}

/** `[Aliens (1986)](https://www.imdb.com/title/tt0090605/)`: brackets in titles would break the link. */
const similarLink = (poster: SimilarPoster): string => `[${similarLabel(poster).replace(/[[\]]/g, '')}](${imdbUrl(poster.id)})`;

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
