/** Mentions of people, roles and channels, which are markup, not words: `<@123>`, `<@!123>`, `<@&123>`, `<#123>`. */
const MENTION = /<(?:@[!&]?|#)\d+>/g;
/** A server's own emoji, `<:popcorn:123>` or animated `<a:popcorn:123>`: its name is the word people see. */
const CUSTOM_EMOJI = /<a?:(\w+):\d+>/g;

/** A Discord message's text as people read it, for rating it as a review. */
export const messageText = (content: string): string => content.replace(CUSTOM_EMOJI, '$1').replace(MENTION, ' ').replace(/\s+/g, ' ').trim();
