import { forcedReadCaption, hasNoClearOpinion, readDespiteGate, tilesHeading, type NoticeTone, type PosterReply, type PosterReplyExplanation, type Reply } from '../core/reply.js';

export interface JsonResponse {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

const NOTICE_STATUS: Readonly<Record<NoticeTone, number>> = { error: 400, busy: 429, info: 200 };

/**
 * A {@link Reply} as the local API answers it: results in the same JSON shape as the `predict` and
 * `rate-review` CLIs (`{poster, genres, top3, rating, ratingTypicalError?, recognised?, similar?}` / `{rating, stated?}`; `heatmap` and `overlay` when a poster is
 * explained, `words` (and `readAs`, the plain words a chat message was read as) when a review is, and `noClearOpinion` when those words lean neither way), notices as `{"error": message}`
 * (with the gate's `poster` score when the image is not a movie poster; read anyway with `?force=1`, the answer has a `warning`).
 * A picture of several posters side by side answers `{message, found, posters: [...]}`, one poster answer each.
 */
export function replyResponse(reply: Reply): JsonResponse {
  switch (reply.kind) {
    case 'poster':
      return { status: 200, body: posterFields(reply) };
    case 'posters':
      return { status: 200, body: { message: tilesHeading(reply), found: reply.found, posters: reply.posters.map(posterFields) } };
    case 'heatmap':
      return { status: 200, body: explanationFields(reply.explanation) };
    case 'review':
      return { status: 200, body: { ...reply.result, ...(hasNoClearOpinion(reply.result) ? { noClearOpinion: true } : {}) } };
    case 'correction':
      return { status: 200, body: { message: reply.text } };
    case 'notice': {
      const retryAfter = reply.retryAfterSeconds;
      return {
        status: NOTICE_STATUS[reply.tone],
        // A refused non-poster also gives the gate's score, as the results do: `?force=1` reads it anyway.
        body: reply.tone === 'info' ? { message: reply.text } : { error: reply.text, ...(reply.notAPoster ? { poster: reply.notAPoster.poster } : {}) },
        headers: retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) },
      };
    }
  }
}

/** One poster's answer; a poster cut out of a picture of several also has its `label` and its `image` (a JPEG data URL). */
function posterFields(reply: PosterReply): Record<string, unknown> {
  const { poster, genres, top3, rating, ratingTypicalError, recognised, similar } = reply.result;
  const explanation = reply.explanation && explanationFields(reply.explanation);
  const neighbours = { ...(recognised ? { recognised } : {}), ...(similar ? { similar } : {}) };
  const warning = readDespiteGate(reply.result) ? { warning: forcedReadCaption(reply.result.poster) } : {};
  const tile = reply.tile && { label: reply.fileName, image: `data:image/jpeg;base64,${Buffer.from(reply.tile).toString('base64')}` };
  return { ...tile, poster, genres, top3, rating, ratingTypicalError, ...warning, ...neighbours, ...explanation };
}

const explanationFields = ({ heatmap, overlayPng }: PosterReplyExplanation) => ({
  heatmap,
  overlay: `data:image/png;base64,${Buffer.from(overlayPng).toString('base64')}`,
});
