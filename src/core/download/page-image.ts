/**
 * The picture a web page names for link previews (Open Graph `og:image`, Twitter's card image, `image_src`): what
 * Discord and Slack themselves show for a pasted link. A film's page on IMDb or Wikipedia names its
 * poster there, so a user who pastes the page instead of the image still gets an answer. A page that describes the
 * film in schema.org data names its poster there too, and that wins: Letterboxd's preview picture is a still from
 * the film, its poster only in the film's `"@type": "Movie"`.
 */

/** Preview tags in order of preference; `secure_url` and `url` are Open Graph's more specific spellings. */
const PREVIEW_TAGS = ['og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src'];
/** Preview tags sit in the page's head; reading further only costs time on a large page. */
const HEAD_BYTES = 512 * 1024;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, double, single, bare] of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const key = name!.toLowerCase();
    if (!found.has(key)) found.set(key, decodeEntities((double ?? single ?? bare ?? '').trim()));
  }
  return found;
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|quot|apos|lt|gt));/gi, (entity, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined || hex !== undefined) {
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }[name!.toLowerCase()] ?? entity;
  });
}

/** schema.org types whose `image` is the film's (or the series') poster. */
const FILM_TYPES = new Set(['Movie', 'MovieSeries', 'TVSeries', 'TVSeason', 'TVEpisode']);
/** Structured data may sit anywhere in the body, after a large head. */
const STRUCTURED_DATA_BYTES = 2 * 1024 * 1024;
/** A film sits a few levels deep at most; a page nesting thousands of levels must not exhaust the stack. */
const MAX_JSON_LD_DEPTH = 16;
const JSON_LD = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** A JSON-LD block as sites write it: Letterboxd wraps its JSON in CDATA markers inside block comments. */
function parseJsonLd(text: string): unknown {
  try {
    return JSON.parse(text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*<!--|-->\s*$/g, ''));
  } catch {
    return undefined;
  }
}

/** A URL, or an `ImageObject`'s `url` or `contentUrl`. */
function singleImageLink(image: unknown): string | undefined {
  if (typeof image === 'string') return image;
  if (typeof image !== 'object' || image === null) return undefined;
  const { url, contentUrl } = image as { url?: unknown; contentUrl?: unknown };
  return [url, contentUrl].find((link): link is string => typeof link === 'string');
}

/** The first link an `image` value holds: one image, or a list of them. */
const imageLinkOf = (image: unknown): string | undefined =>
  (Array.isArray(image) ? image : [image]).map(singleImageLink).find((link) => link !== undefined);

/**
 * The `image` of every film described in a JSON-LD value, outer ones first: in a `@graph`, a list, or inside another
 * node (a review page's `"itemReviewed": {"@type": "Movie", ...}`).
 */
function filmImageLinks(value: unknown, depth = 0): string[] {
  if (depth > MAX_JSON_LD_DEPTH || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => filmImageLinks(item, depth + 1));
  const node = value as { '@type'?: unknown; image?: unknown };
  const isFilm = [node['@type']].flat().some((type) => typeof type === 'string' && FILM_TYPES.has(type));
  const own = isFilm ? imageLinkOf(node.image) : undefined;
  return [...(own === undefined ? [] : [own]), ...Object.values(node).flatMap((child) => filmImageLinks(child, depth + 1))];
}

/** An absolute http(s) link without credentials, as the downloader will fetch; undefined for anything else. */
function fetchable(link: string, page: URL): URL | undefined {
  try {
    const url = new URL(link, page);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '' ? url : undefined;
  } catch {
    return undefined;
  }
}

const decoded = (page: Uint8Array, maxBytes: number): string =>
  Buffer.from(page.buffer, page.byteOffset, Math.min(page.byteLength, maxBytes)).toString('utf8');

/** The page's preview image as a link the downloader can fetch, or undefined when it names none it could. */
export function pageImageLink(page: Uint8Array, pageUrl: URL): URL | undefined {
  for (const [, json] of decoded(page, STRUCTURED_DATA_BYTES).matchAll(JSON_LD)) {
    const poster = filmImageLinks(parseJsonLd(json!)).map((link) => fetchable(link, pageUrl)).find((url) => url !== undefined);
    if (poster !== undefined) return poster;
  }
  const head = decoded(page, HEAD_BYTES);
  const candidates = new Map<string, string>();
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const key = (attrs.get('property') ?? attrs.get('name') ?? '').toLowerCase();
    const content = attrs.get('content');
    if (content && PREVIEW_TAGS.includes(key) && !candidates.has(key)) candidates.set(key, content);
  }
  for (const [tag] of head.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const href = attrs.get('href');
    if (href && attrs.get('rel')?.toLowerCase().split(/\s+/).includes('image_src') && !candidates.has('image_src')) candidates.set('image_src', href);
  }
  for (const key of [...PREVIEW_TAGS, 'image_src']) {
    const link = candidates.get(key);
    const url = link === undefined ? undefined : fetchable(link, pageUrl);
    if (url !== undefined) return url;
  }
  return undefined;
}
