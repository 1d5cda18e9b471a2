/**
 * The picture a web page names for link previews (Open Graph `og:image`, Twitter's card image, `image_src`): what
 * Discord and Slack themselves show for a pasted link. A film's page on IMDb or Wikipedia names its
 * poster there, so a user who pastes the page instead of the image still gets an answer.
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

/** An absolute http(s) link without credentials, as the downloader will fetch; undefined for anything else. */
function fetchable(link: string, page: URL): URL | undefined {
  try {
    const url = new URL(link, page);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The page's preview image as a link the downloader can fetch, or undefined when it names none it could. */
export function pageImageLink(page: Uint8Array, pageUrl: URL): URL | undefined {
  const head = Buffer.from(page.buffer, page.byteOffset, Math.min(page.byteLength, HEAD_BYTES)).toString('utf8');
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
