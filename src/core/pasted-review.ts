/**
 * A review copied from a film site's page brings the page's own lines with it ("45 out of 52 found this helpful.",
 * "Was this review helpful? Sign in to vote.", "Permalink"): read as words, they moved a glowing IMDb review 0.5
 * points down and put "?" among the words that moved it.
 */

/** Whole lines that IMDb's and Letterboxd's review pages add around a review. */
const PAGE_LINES = [
  /^\d[\d,]* out of \d[\d,]* (?:people )?found this (?:review )?helpful\.?$/i,
  /^was this review helpful\?(?:\s*sign in to vote\.?)?$/i,
  /^sign in to vote\.?$/i,
  /^permalink$/i,
  /^(?:not )?helpful\s*[•·]?\s*\d[\d,.]*k?$/i,
  /^report(?: this)?$/i,
  /^warning: spoilers$/i,
  /^\d[\d,.]*k? likes?$/i,
  /^like review$/i,
];

/** `text` without the lines a review page adds; unchanged when nothing else would be left. */
export function withoutPageLines(text: string): string {
  const lines = text.split('\n');
  const kept = lines.filter((line) => !PAGE_LINES.some((pattern) => pattern.test(line.trim())));
  return kept.length === lines.length || kept.every((line) => line.trim() === '') ? text : kept.join('\n').trim();
}
