import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotServices, ImageSource, Requester } from '../core/command.js';
import { linkSource } from '../core/message-links.js';
import type { Reply } from '../core/reply.js';
import { HttpError } from './http-error.js';
import { isJsonRequest, readBody, readJsonObject } from './read-body.js';
import { replyResponse } from './reply-response.js';
import { sendJson } from './respond.js';
import type { RequestContext, Route } from './routes.js';

/** Room for a long review (the bot reads the first 20 000 characters) or a long URL, and no more. */
const MAX_JSON_BYTES = 1024 * 1024;

/**
 * The local mode's JSON API: `POST /api/poster` (the image bytes as the body, any content type, or JSON
 * `{"url"}`; `?force=1` answers with genres even when the image does not look like a movie poster; `?explain=1` adds the top
 * genre's `heatmap` and its `overlay` as a PNG data URL) and
 * `POST /api/review` (JSON `{"text"}`, with `"explain": true` for the words that drove the rating).
 */
export function apiRoutes(bot: BotServices, maxImageBytes: number): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/poster',
      async handle(req, res, context) {
        const query = new URL(req.url ?? '/', 'http://local').searchParams;
        const options = { force: query.get('force') === '1', explain: query.get('explain') === '1' };
        await answer(res, bot.analyzePoster(await posterSource(req, maxImageBytes), requesterOf(context), options));
      },
    },
    {
      method: 'POST',
      path: '/api/review',
      async handle(req, res, context) {
        const { text, explain } = await readJsonObject(req, MAX_JSON_BYTES);
        if (typeof text !== 'string') throw new HttpError(400, 'Send JSON like {"text": "A slow start, then wonderful.", "explain": true}.');
        await answer(res, bot.rateReview(text, requesterOf(context), { explain: explain === true }));
      },
    },
  ];
}

async function posterSource(req: IncomingMessage, maxImageBytes: number): Promise<ImageSource> {
  if (!isJsonRequest(req)) return { kind: 'bytes', bytes: await readBody(req, maxImageBytes) };
  const { url } = await readJsonObject(req, MAX_JSON_BYTES);
  if (typeof url !== 'string' || url.trim() === '') {
    throw new HttpError(400, 'Send the image bytes as the body, or JSON like {"url": "https://example.com/poster.jpg"}.');
  }
  return linkSource(url.trim());
}

async function answer(res: ServerResponse, reply: Promise<Reply>): Promise<void> {
  const { status, body, headers } = replyResponse(await reply);
  sendJson(res, status, body, headers);
}

const requesterOf = (context: RequestContext): Requester => ({
  platform: 'local',
  userId: context.remoteAddress,
  requestId: context.requestId,
});
