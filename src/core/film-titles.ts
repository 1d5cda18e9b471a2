/**
 * Film titles whose words are a verdict ("Bad Santa", "Mean Girls", "Poor Things"): read word by word, "Bad Santa is
 * hilarious" got 4.2, a pan. A title-cased run of words is read as "the film" when one of its words is such a verdict
 * and another is not a verdict's own word, so title-cased verdicts ("Great Movie, Loved It", "Not Bad", "Best Film
 * Ever") still read as written.
 */

/** Words a title can share with a verdict. */
const VERDICT_IN_TITLES = new Set(
  'good bad dumb dumber poor great best worst happy sad evil mean nasty nice crazy perfect beautiful wonderful fantastic awful stupid funny fun dead deadly sinister terrible horrible love hate hateful killer killers sick lovely pretty'.split(' '),
);
/**
 * Words a title-cased verdict is made of besides those ("Great Visuals, Weak Plot", "Not Bad", "Best Film Ever"): the
 * film and its parts, other verdicts, and the words around them. Never enough to make a title.
 */
const VERDICT_ONLY = new Set(
  [
    'movie movies film films flick sequel acting actors story plot cast ending script dialogue characters visuals effects cgi soundtrack score music pacing direction performances performance cinematography scenes action twist',
    'amazing awesome brilliant excellent incredible masterpiece solid decent strong weak boring mid trash garbage overrated underrated hilarious',
    'ever watch one it this that is was so very really too quite just not absolutely super kinda totally loved liked like it\'s',
  ].join(' ').split(' '),
);
/** Small words a title keeps in lower case ("Bad Boys for Life", "The Good, the Bad and the Ugly"). */
const SMALL_WORD = String.raw`(?:the|a|an|of|and|for|in|on|at|to|with|from|vs\.?)`;
/** A capitalised word or a number; not "I", which opens sentences, nor a word in capitals ("BAD MOVIE"), which shouts. */
const TITLE_WORD = String.raw`(?:(?!I(?:['’]\p{L}+)?(?![\p{L}\p{N}]))(?!\p{Lu}{2})\p{Lu}[\p{L}\p{N}'’-]*|\p{N}+)`;
const TITLE_CASED_RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${TITLE_WORD}(?:,? (?:${SMALL_WORD} )*${TITLE_WORD})+(?![\p{L}\p{N}])`,
  'gu',
);

const IS_SMALL_WORD = new RegExp(String.raw`^${SMALL_WORD}$`);

/**
 * What a verdict and a name make when they open a sentence ("Best Pixar movie in a decade", "Worst Christmas movie
 * ever", "Perfect Sunday afternoon movie"): a superlative first, or the kind of film after it (a word between at
 * most), as a title has neither.
 */
const SUPERLATIVE = new Set(['best', 'worst']);
const FILM_KIND_AFTER = /^(?: (?!the\b|a\b)\p{Ll}+)? (?:movie|movies|film|films|flick|sequel|remake|original|short|adaptation|performance|ending)\b/u;

/** A verdict word, and a word of the title's own: neither a verdict, a verdict's own word, nor a small word. */
function isVerdictTitle(run: string, after: string): boolean {
  const words = run.toLowerCase().split(/[\s,]+/);
  if (SUPERLATIVE.has(words[0]!) || FILM_KIND_AFTER.test(after)) return false;
  const isOwnWord = (word: string): boolean => !VERDICT_IN_TITLES.has(word) && !VERDICT_ONLY.has(word) && !IS_SMALL_WORD.test(word);
  return words.some((word) => VERDICT_IN_TITLES.has(word)) && words.some(isOwnWord);
}

/** `text` with each title-cased film title whose words are a verdict read as "the film". */
export function titlesAsFilm(text: string): string {
  return text.replace(TITLE_CASED_RUN, (run: string, offset: number) => (isVerdictTitle(run, text.slice(offset + run.length, offset + run.length + 30)) ? 'the film' : run));
}
