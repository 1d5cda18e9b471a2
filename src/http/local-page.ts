import { readFile } from 'node:fs/promises';
import { send } from './respond.js';
import type { Route } from './routes.js';

const ASSETS = [
  { path: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { path: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
  { path: '/style.css', file: 'style.css', type: 'text/css; charset=utf-8' },
] as const;

/** Thumbnails of pasted links come from anywhere on the web; everything else only from this server. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: http: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The local page's static files (no build step), read once at start-up. */
export async function localPageRoutes(): Promise<Route[]> {
  return Promise.all(
    ASSETS.map(async ({ path, file, type }): Promise<Route> => {
      const body = await readFile(new URL(`./public/${file}`, import.meta.url));
      return { method: 'GET', path, handle: (_req, res) => send(res, 200, type, body, PAGE_HEADERS) };
    }),
  );
}
