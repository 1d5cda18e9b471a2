import type { types } from '@slack/bolt';
import { MAX_CORRECTED_GENRES } from '../../core/feedback.js';
import { GENRES } from '../../core/genres.js';
import type { SimilarPoster } from '../../core/predictions.js';
import {
  forcedReadCaption, formatRating, formatWordWeights, hasNoClearOpinion, heatmapCaption, imdbUrl, NO_CLEAR_OPINION_CAPTION, posterRatingCaption, READ_ANYWAY,
  readDespiteGate, RECOGNISED_HEADING, readAsQuote, recognisedFacts, recognisedSentence, similarLabel, statedCaption, tilesHeading, type NoticeTone, type PosterReply, type Reply, wordsWorthShowing,
} from '../../core/reply.js';
import { feedbackId, readAnywayId, whyId } from '../button-ids.js';

type KnownBlock = types.KnownBlock;

/** A Slack message body: `text` is the notification and screen-reader fallback for the blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const BAR_CELLS = 10;
const TONE_ICON: Record<NoticeTone, string> = { info: ':information_source:', error: ':warning:', busy: ':hourglass_flowing_sand:' };
/** Slack refuses a section whose text is longer than this. */
const SECTION_LIMIT = 3000;

/** Slack's mrkdwn treats these three as control characters: user text must not open a link or a mention. */
const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const bar = (probability: number): string => {
  const filled = Math.round(Math.min(Math.max(probability, 0), 1) * BAR_CELLS);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}`;
};

const percent = (probability: number): string => `${Math.round(probability * 100)}%`;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text.length > SECTION_LIMIT ? `${text.slice(0, SECTION_LIMIT - 1)}…` : text },
});

/** Renders a {@link Reply} as Block Kit: the same card the Discord embed and the local page show. */
export function renderReply(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'poster':
      return posterCard(reply);
    case 'posters': {
      const heading = tilesHeading(reply);
      // Each card's label heads its genres (no divider, no file line): ten cards stay within Slack's 50 blocks.
      const cards = reply.posters.map((poster) => ({ label: poster.fileName ?? 'Poster', card: posterCard({ ...poster, fileName: undefined }, poster.fileName) }));
      return {
        text: [heading, ...cards.map(({ label, card }) => `${label}: ${card.text}`)].join('\n'),
        blocks: [section(escapeMrkdwn(heading)), ...cards.flatMap(({ card }) => card.blocks)],
      };
    }
    case 'review': {
      const words = wordsWorthShowing(reply.result.words);
      // A stated score is the reviewer's, not a prediction.
      const label = reply.result.stated === undefined ? 'Predicted rating' : 'Rating';
      return {
        text: `${label} ${formatRating(reply.result.rating)}`,
        blocks: [
          section(`*${label}:* ${formatRating(reply.result.rating)}`),
          ...(reply.result.stated !== undefined ? [section(escapeMrkdwn(statedCaption(reply.result.stated)))] : []),
          ...(hasNoClearOpinion(reply.result) ? [section(escapeMrkdwn(NO_CLEAR_OPINION_CAPTION))] : []),
          ...(words.length > 0 && reply.result.readAs !== undefined ? [section(`*Read as:* ${escapeMrkdwn(readAsQuote(reply.result.readAs))}`)] : []),
          ...(words.length > 0 ? [section(`*Words that moved it:* ${escapeMrkdwn(formatWordWeights(words))}`)] : []),
          { type: 'context', elements: [{ type: 'mrkdwn', text: `> ${escapeMrkdwn(reply.text).replace(/\n/g, ' ')}` }] },
        ],
      };
    }
    case 'heatmap': {
      const caption = heatmapCaption(reply.explanation.heatmap.genre);
      return { text: caption, blocks: [section(escapeMrkdwn(caption))] };
    }
    case 'correction':
      return { text: reply.text, blocks: [{ ...section(escapeMrkdwn(reply.text)), accessory: genrePicker(reply.answerId) } as KnownBlock] };
    case 'notice': {
      const keptId = reply.notAPoster?.keptId;
      const readAnyway: KnownBlock[] = keptId === undefined ? [] : [{ type: 'actions', elements: [button(readAnywayId(keptId), READ_ANYWAY, 'Read this image as a poster anyway', keptId)] }];
      return { text: reply.text, blocks: [section(`${TONE_ICON[reply.tone]} ${escapeMrkdwn(reply.text)}`), ...readAnyway] };
    }
  }
}

/** One poster's answer: its top genres (headed by `label`, a poster's place in a picture of several), predicted rating and what it looks like. */
function posterCard(reply: PosterReply, label?: string): SlackMessage {
  const { top3 } = reply.result;
  const genreLines = top3.map(([genre, p]) => `\`${bar(p)}\` *${escapeMrkdwn(genre)}* ${percent(p)}`);
  const genres: KnownBlock = {
    ...section(`*${label === undefined ? '' : `${escapeMrkdwn(label)}: `}Top genres*\n${genreLines.join('\n')}`),
    ...(reply.imageUrl === undefined
      ? {}
      : { accessory: { type: 'image', image_url: reply.imageUrl, alt_text: reply.fileName ?? 'poster' } }),
  } as KnownBlock;
  const blocks: KnownBlock[] = [genres, section(`*Predicted IMDb rating:* ${posterRatingCaption(reply.result)}`)];
  if (readDespiteGate(reply.result)) blocks.push(context(`:warning: ${forcedReadCaption(reply.result.poster)}`));
  const { recognised } = reply.result;
  if (recognised) blocks.push(section(`*${RECOGNISED_HEADING}* ${similarLink(recognised)}${recognisedFacts(recognised)}`));
  const similar = reply.result.similar ?? [];
  if (similar.length > 0) blocks.push(section(`*Looks like:* ${similar.map(similarLink).join(' · ')}`));
  if (reply.fileName !== undefined) blocks.push(context(`:frame_with_picture: ${escapeMrkdwn(reply.fileName)}`));
  const buttons = answerButtons(reply.answerId, reply.whyId);
  if (buttons !== undefined) blocks.push(buttons);
  const summary = top3.map(([genre, p]) => `${genre} ${percent(p)}`).join(', ');
  // The notification names a recognised film first: it is the answer the person will care about.
  const named = recognised ? `${recognisedSentence(recognised)}. ` : '';
  return { text: `${named}${summary}; predicted rating ${posterRatingCaption(reply.result)}`, blocks };
}

/** Results go to the channel; notices and the genre menu only to the person who asked or clicked. */
export const isPrivate = (reply: Reply): boolean => reply.kind === 'notice' || reply.kind === 'correction';

const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const button = (actionId: string, text: string, label: string, value: string) => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text, emoji: true },
  accessibility_label: label,
  value,
});

/** 👍 and 👎 when the answer takes votes, "Why?" when its heat map can be asked for; undefined when neither. */
function answerButtons(answerId: string | undefined, posterId: string | undefined): KnownBlock | undefined {
  const elements = [
    ...(answerId === undefined
      ? []
      : [button(feedbackId('up', answerId), '👍', 'This answer is right', answerId), button(feedbackId('down', answerId), '👎', 'This answer is wrong', answerId)]),
    ...(posterId === undefined ? [] : [button(whyId(posterId), ':mag: Why?', 'Show what the genre guess looked at', posterId)]),
  ];
  return elements.length === 0 ? undefined : { type: 'actions', elements };
}

/** `<https://www.imdb.com/title/tt0090605/|Aliens (1986)>`. */
const similarLink = (poster: SimilarPoster): string => `<${imdbUrl(poster.id)}|${escapeMrkdwn(similarLabel(poster)).replace(/\|/g, '/')}>`;

function genrePicker(answerId: string) {
  return {
    type: 'multi_static_select' as const,
    action_id: feedbackId('genres', answerId),
    placeholder: { type: 'plain_text' as const, text: 'The genres it really has' },
    max_selected_items: MAX_CORRECTED_GENRES,
    options: GENRES.map((genre) => ({ text: { type: 'plain_text' as const, text: genre }, value: genre })),
  };
}
