import type { Attachment } from 'discord.js';
import type { ImageSource } from '../../core/command.js';

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|hei[cf]|bmp|tiff?|svg)$/i;

/**
 * Whether a message attachment looks like an image, by its declared type or, when Discord gave none, its name.
 * The bot decodes by the bytes' signature anyway; this only decides whether to answer at all.
 */
export function isImageAttachment(attachment: Pick<Attachment, 'contentType' | 'name'>): boolean {
  if (attachment.contentType) return attachment.contentType.toLowerCase().startsWith('image/');
  return IMAGE_EXTENSION.test(attachment.name);
}

/** The long side of the copy Discord's media proxy makes of a picture too big to download whole. */
const SMALLER_LONG_SIDE = 1600;

/**
 * The adapter never downloads: the bot fetches the CDN URL under its download policy, or, for a picture over its size
 * limit, the copy the media proxy resizes to `width` x `height` (Discord's own clients ask for theirs so).
 */
export function attachmentSource(attachment: Pick<Attachment, 'url' | 'name' | 'proxyURL' | 'width' | 'height' | 'spoiler'>): ImageSource {
  const smaller = smallerCopy(attachment);
  const spoiler = isSpoiler(attachment);
  return {
    kind: 'url', url: attachment.url, origin: 'platform', name: spoiler ? attachment.name.replace(SPOILER_PREFIX, '') : attachment.name,
    ...(smaller === undefined ? {} : { smaller }),
    ...(spoiler ? { spoiler } : {}),
  };
}

/** What Discord puts before the name of a file its sender marked as a spoiler (older clients set no flag). */
const SPOILER_PREFIX = /^SPOILER_/;

/** A picture its sender hid behind a spoiler: answered only when asked, and never shown in the answer. */
export const isSpoiler = (attachment: Pick<Attachment, 'name' | 'spoiler'>): boolean => attachment.spoiler || SPOILER_PREFIX.test(attachment.name);

function smallerCopy({ proxyURL, width, height }: Pick<Attachment, 'proxyURL' | 'width' | 'height'>): string | undefined {
  if (!width || !height || Math.max(width, height) <= SMALLER_LONG_SIDE) return undefined;
  const scale = SMALLER_LONG_SIDE / Math.max(width, height);
  const url = new URL(proxyURL);
  url.searchParams.set('width', String(Math.round(width * scale)));
  url.searchParams.set('height', String(Math.round(height * scale)));
  return url.href;
}
