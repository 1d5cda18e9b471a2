/** Mentions and broadcasts, which are markup, not words: `<@U123>`, `<#C123|general>`, `<!here>`. */
const MENTION = /<[@#!][^>]*>/g;
/** A link with a label, `<https://…|label>`: the label is what people see. */
const LABELLED_LINK = /<[^>|]+\|([^>]+)>/g;
const BARE_LINK = /<([^>]+)>/g;
const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** A Slack message's text as people read it (Slack escapes `<`, `>` and `&`), for rating it as a review. */
export const messageText = (text: string): string =>
  text
    .replace(MENTION, ' ')
    .replace(LABELLED_LINK, '$1')
    .replace(BARE_LINK, '$1')
    .replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, ' ')
    .trim();
