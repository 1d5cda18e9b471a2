import type { Message } from 'discord.js';
import type { LinkPreview } from '../../core/message-links.js';

/** The pictures Discord's embeds show for a message's links: an embed's image, else its thumbnail, through Discord's proxy. */
export function linkPreviews(message: Pick<Message, 'embeds'>): LinkPreview[] {
  return message.embeds.flatMap(({ url, image, thumbnail }) => {
    const picture = image ?? thumbnail;
    const link = picture?.proxyURL ?? picture?.url;
    return url === null || link === undefined ? [] : [{ url, image: link }];
  });
}
