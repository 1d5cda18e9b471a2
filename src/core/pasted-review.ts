/**
 * A review copied from a film site's page brings the page's own lines with it ("45 out of 52 found this helpful.",
 * "Was this review helpful? Sign in to vote.", "Permalink"): read as words, they moved a glowing IMDb review 0.7
 * points down and put "?" among the words that moved it.
 */

/** IMDb's sentences about the review, wherever they stand: a Discord command option arrives with its lines joined. */
const PAGE_SENTENCES = /\b\d[\d,]* out of \d[\d,]* (?:people )?found this (?:review )?helpful\b\.?|\bwas this review helpful\?(?:\s*sign in to vote\b\.?)?|\bsign in to vote\b\.?|\s\bpermalink\s*$/gi;
/** Whole lines that IMDb's and Letterboxd's review pages add around a review. */
const PAGE_LINES = [
  /^permalink$/i,
  /^(?:not )?helpful\s*[•·]?\s*\d[\d,.]*k?$/i,
  /^report(?: this)?$/i,
  /^warning: spoilers$/i,
  /^\d[\d,.]*k? likes?$/i,
  /^like review$/i,
];

/** `text` without what a review page adds; unchanged when nothing else would be left. */
export function withoutPageLines(text: string): string {
  const lines = text.replace(PAGE_SENTENCES, '').split('\n');
  const kept = lines.filter((line) => !PAGE_LINES.some((pattern) => pattern.test(line.trim()))).join('\n').trim();
  return kept === '' ? text : kept;
}
