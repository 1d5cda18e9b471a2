import type { types } from '@slack/bolt';
import { formatWordWeights, type NoticeTone, type Reply } from '../../core/reply.js';

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
    case 'notice':
      return { text: reply.text, blocks: [section(`${TONE_ICON[reply.tone]} ${escapeMrkdwn(reply.text)}`)] };
  }
}
