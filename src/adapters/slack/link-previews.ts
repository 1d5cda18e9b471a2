import type { LinkPreview } from '../../core/message-links.js';

/** An unfurl Slack attached to a message for one of its links. */
export interface Unfurl {
  readonly from_url?: string;
  readonly original_url?: string;
  readonly image_url?: string;
  readonly thumb_url?: string;
}

/** The pictures Slack's unfurls show for a message's links: an unfurl's image, else its thumbnail. */
export function linkPreviews(message: { readonly attachments?: readonly Unfurl[] }): LinkPreview[] {
  return (message.attachments ?? []).flatMap(({ from_url, original_url, image_url, thumb_url }) => {
    const url = from_url ?? original_url;
    const image = image_url ?? thumb_url;
    return url === undefined || image === undefined ? [] : [{ url, image }];
  });
}

/** A message's key among the unfurls Slack adds later: its `ts` is unique only within its channel. */
export const unfurlKey = (channel: string, ts: string): string => `${channel}:${ts}`;
