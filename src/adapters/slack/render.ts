import type { types } from '@slack/bolt';
import { MAX_CORRECTED_GENRES } from '../../core/feedback.js';
import { GENRES } from '../../core/genres.js';
import { formatWordWeights, type NoticeTone, type Reply } from '../../core/reply.js';
import { feedbackId } from '../feedback-ids.js';

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

const rating = (value: number): string => `${value.toFixed(1)} / 10`;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text.length > SECTION_LIMIT ? `${text.slice(0, SECTION_LIMIT - 1)}…` : text },
});

/** Renders a {@link Reply} as Block Kit: the same card the Discord embed and the local page show. */
export function renderReply(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'poster': {
      const { top3 } = reply.result;
      const genreLines = top3.map(([genre, p]) => `\`${bar(p)}\` *${escapeMrkdwn(genre)}* ${percent(p)}`);
      const genres: KnownBlock = {
        ...section(`*Top genres*\n${genreLines.join('\n')}`),
        ...(reply.imageUrl === undefined
          ? {}
          : { accessory: { type: 'image', image_url: reply.imageUrl, alt_text: reply.fileName ?? 'poster' } }),
      } as KnownBlock;
      const blocks: KnownBlock[] = [genres, section(`*Predicted IMDb rating:* ${rating(reply.result.rating)}`)];
      if (reply.fileName !== undefined) {
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:frame_with_picture: ${escapeMrkdwn(reply.fileName)}` }] });
      }
      if (reply.answerId !== undefined) blocks.push(feedbackButtons(reply.answerId));
      const summary = top3.map(([genre, p]) => `${genre} ${percent(p)}`).join(', ');
      return { text: `${summary}; predicted rating ${rating(reply.result.rating)}`, blocks };
    }
    case 'review':
      return {
        text: `Predicted rating ${rating(reply.result.rating)}`,
        blocks: [
          section(`*Predicted rating:* ${rating(reply.result.rating)}`),
          ...(reply.result.words?.length ? [section(`*Words that moved it:* ${escapeMrkdwn(formatWordWeights(reply.result.words))}`)] : []),
          { type: 'context', elements: [{ type: 'mrkdwn', text: `> ${escapeMrkdwn(reply.text).replace(/\n/g, ' ')}` }] },
        ],
      };
    case 'correction':
      return { text: reply.text, blocks: [{ ...section(escapeMrkdwn(reply.text)), accessory: genrePicker(reply.answerId) } as KnownBlock] };
    case 'notice':
      return { text: reply.text, blocks: [section(`${TONE_ICON[reply.tone]} ${escapeMrkdwn(reply.text)}`)] };
  }
}

/** Results go to the channel; notices and the genre menu only to the person who asked or clicked. */
export const isPrivate = (reply: Reply): boolean => reply.kind === 'notice' || reply.kind === 'correction';

function feedbackButtons(answerId: string): KnownBlock {
  const button = (action: 'up' | 'down', emoji: string, label: string) => ({
    type: 'button' as const,
    action_id: feedbackId(action, answerId),
    text: { type: 'plain_text' as const, text: emoji, emoji: true },
    accessibility_label: label,
    value: answerId,
  });
  return { type: 'actions', elements: [button('up', '👍', 'This answer is right'), button('down', '👎', 'This answer is wrong')] };
}

function genrePicker(answerId: string) {
  return {
    type: 'multi_static_select' as const,
    action_id: feedbackId('genres', answerId),
    placeholder: { type: 'plain_text' as const, text: 'The genres it really has' },
    max_selected_items: MAX_CORRECTED_GENRES,
    options: GENRES.map((genre) => ({ text: { type: 'plain_text' as const, text: genre }, value: genre })),
  };
}
