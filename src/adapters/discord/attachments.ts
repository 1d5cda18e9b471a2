import type { Attachment } from 'discord.js';
import type { ImageSource } from '../../core/command.js';

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|bmp|tiff?|svg)$/i;

/**
 * Whether a message attachment looks like an image, by its declared type or, when Discord gave none, its name.
 * The bot decodes by the bytes' signature anyway; this only decides whether to answer at all.
 */
export function isImageAttachment(attachment: Pick<Attachment, 'contentType' | 'name'>): boolean {
  if (attachment.contentType) return attachment.contentType.toLowerCase().startsWith('image/');
  return IMAGE_EXTENSION.test(attachment.name);
}

/** The adapter never downloads: the bot fetches the CDN URL under its download policy. */
export function attachmentSource(attachment: Pick<Attachment, 'url' | 'name'>): ImageSource {
  return { kind: 'url', url: attachment.url, origin: 'platform', name: attachment.name };
}
