import type { ImageSource } from './command.js';

/**
 * The web links in a chat message's text, for "Read poster" on a message that links a poster (or a film's page)
 * instead of attaching it. Discord writes links bare or as `<url>` (no preview); Slack as `<url>` or `<url|label>`.
 */

/** More links than this in one message are more likely a list than posters to read. */
export const MAX_MESSAGE_LINKS = 3;

/** Closing punctuation that ends a sentence rather than the link ("see https://x.org/p.jpg."). */
const TRAILING = /[.,;:!?)\]'"]$/;

/** A bare link without the sentence's closing punctuation; a `)` stays when it closes the link's own `(` (Wikipedia's "Alien_(film)"). */
function withoutTrailingPunctuation(link: string): string {
  let end = link;
  while (TRAILING.test(end)) {
    const opened = end.split('(').length - 1;
    const closed = end.split(')').length - 1;
    if (end.endsWith(')') && opened >= closed) break;
    end = end.slice(0, -1);
  }
  return end;
}

/** A link as chat text holds it: wrapped (`<url>`, `<url|label>`; group 1 the url) or bare (group 2). */
const LINK = /<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>|(https?:\/\/[^\s<>]+)/gi;

/** The message's http(s) links, in order, each once, at most {@link MAX_MESSAGE_LINKS}. */
export function messageLinks(text: string): string[] {
  const links = [...text.matchAll(LINK)].map(([, wrapped, bare]) => (wrapped ?? withoutTrailingPunctuation(bare!)).replace(/&amp;/g, '&'));
  return [...new Set(links)].slice(0, MAX_MESSAGE_LINKS);
}

/** The text with its links taken out: what is left of a review that pasted one. */
export function withoutLinks(text: string): string {
  return text.replace(LINK, ' ');
}

/** A link someone posted: fetched under the rules for users' links (a film's page is followed to its picture). */
export const linkSource = (url: string, preview?: string): ImageSource => ({ kind: 'url', url, origin: 'user', ...(preview === undefined ? {} : { preview }) });

/** A picture a platform showed for a link in a message: Discord's embed, Slack's unfurl. */
export interface LinkPreview {
  /** The link the preview belongs to, as the platform names it. */
  readonly url: string;
  readonly image: string;
}

/** A link's path, which its preview keeps when the host changes (x.com's posts are previewed as twitter.com's). */
function pathOf(link: string): string | undefined {
  try {
    const { hostname, pathname } = new URL(link);
    const path = pathname.replace(/\/+$/, '');
    return path === '' ? hostname : path;
  } catch {
    return undefined;
  }
}

/** The picture the platform previewed for `link`, if one of `previews` is for it. */
export function previewOf(link: string, previews: readonly LinkPreview[]): string | undefined {
  const path = pathOf(link);
  return path === undefined ? undefined : previews.find(({ url }) => pathOf(url) === path)?.image;
}

/** The message's links (see {@link messageLinks}) to read as posters, each with the picture the platform previewed for it. */
export function linkSources(text: string, previews: readonly LinkPreview[] = []): ImageSource[] {
  return messageLinks(text).map((link) => linkSource(link, previewOf(link, previews)));
}

/** What the bot says to a mention or a DM with neither an image nor a link: how to ask it something. */
export const HOW_TO_ASK =
  'Send me a movie poster (attach it, or mention me with a link to it) and I\'ll guess its genres and IMDb rating. `/rate-review` rates a review, and "Rate review" on someone\'s message rates what it says.';

/** What "Read poster" says on a message with neither an image nor a link. */
export const NOTHING_TO_READ = 'That message has no image or link I can read.';
