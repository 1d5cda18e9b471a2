import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotServices, ImageSource, Requester } from '../core/command.js';
import { linkSource } from '../core/message-links.js';
import type { Reply } from '../core/reply.js';
import { HttpError } from './http-error.js';
import { formatSize, isFormRequest, isJsonRequest, readBody, readJsonObject } from './read-body.js';
import { replyResponse } from './reply-response.js';
import { sendJson } from './respond.js';
import type { RequestContext, Route } from './routes.js';

/** A form's boundaries and field headers around the image. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** Room for a long review (the bot reads the first 20 000 characters) or a long URL, and no more. */
const MAX_JSON_BYTES = 1024 * 1024;

/**
 * The local mode's JSON API: `POST /api/poster` (the image bytes as the body, any content type, a form's
 * file, or JSON `{"url"}`; `?force=1` answers with genres even when the image does not look like a movie poster; `?explain=1` adds the top
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
  if (isFormRequest(req)) return formFileSource(req, maxImageBytes);
  if (!isJsonRequest(req)) return { kind: 'bytes', bytes: await readBody(req, maxImageBytes) };
  const { url } = await readJsonObject(req, MAX_JSON_BYTES);
  if (typeof url !== 'string' || url.trim() === '') {
    throw new HttpError(400, 'Send the image bytes as the body, or JSON like {"url": "https://example.com/poster.jpg"}.');
  }
  return linkSource(url.trim());
}

/** The first file of a form upload (`curl -F image=@poster.jpg`, an HTML form), under its own name. */
async function formFileSource(req: IncomingMessage, maxImageBytes: number): Promise<ImageSource> {
  const body = await readBody(req, maxImageBytes + FORM_OVERHEAD_BYTES);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { headers: { 'content-type': req.headers['content-type']! } }).formData();
  } catch {
    throw new HttpError(400, 'That form upload is malformed: send the image as a file field (curl -F image=@poster.jpg), or its bytes as the body.');
  }
  const files: File[] = [];
  form.forEach((value) => {
    if (typeof value !== 'string') files.push(value);
  });
  const file = files[0];
  if (file === undefined) throw new HttpError(400, 'There is no file in that form: send the image as a file field (curl -F image=@poster.jpg).');
  if (file.size > maxImageBytes) throw new HttpError(413, `The image is over the ${formatSize(maxImageBytes)} limit.`);
  return { kind: 'bytes', bytes: new Uint8Array(await file.arrayBuffer()), ...(file.name === '' ? {} : { name: file.name }) };
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
