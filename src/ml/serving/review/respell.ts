/**
 * Chat's misspellings ("awsome", "dissapointing") are unknown words to the model, so they weigh nothing and a
 * one-line verdict reads as no verdict. The tokenizer respells an unknown word that is not English (it knows which
 * are: `TokenizerConfig.englishWords`), so training and serving read alike.
 */

/** Shorter unknown words are left alone: one edit from a short word reaches too many others ("gud": "bud", "god"). */
export const MIN_RESPELT_LENGTH = 5;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LOWER_CASE_WORD = /^[a-z]+$/;

/**
 * Spellings one edit from `word` that keep its first letter (slips rarely hit it; a changed one mostly makes another
 * word: "trama", "drama"): a letter dropped, added or changed, or two neighbours swapped, from the second letter on.
 * Some come twice, and `word` itself among them; generated lazily, as most words have few known neighbours.
 */
function* oneEditAway(word: string): Generator<string> {
  for (let i = 1; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) yield head + tail.slice(1);
    if (tail.length > 1) yield head + tail[1] + tail[0] + tail.slice(2);
    for (const letter of LETTERS) {
      yield head + letter + tail;
      if (tail.length > 0) yield head + letter + tail.slice(1);
    }
  }
}

/** `word` with one letter doubled or one double undone, the commonest slip ("dissapointing", "hillarious"). */
function doublingSlips(word: string): string[] {
  const slips: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === word[i + 1]) slips.push(word.slice(0, i) + word.slice(i + 1));
    else if (word[i] !== word[i - 1]) slips.push(word.slice(0, i + 1) + word.slice(i));
  }
  return slips;
}

/** Each doubling slip of `word`, then every spelling one edit from it. */
function* twoEditsThroughADouble(word: string): Generator<string> {
  for (const slip of doublingSlips(word)) {
    yield slip;
    yield* oneEditAway(slip);
  }
}

/**
 * The known word a misspelt `word` stands for: the most frequent known word with its first letter one edit away,
 * failing that two edits of which one is a doubling slip; undefined when none is known. `rank` gives a known
 * word's frequency rank (lower is more frequent) and undefined for an unknown one.
 */
export function respelled(word: string, rank: (candidate: string) => number | undefined): string | undefined {
  if (word.length < MIN_RESPELT_LENGTH || !LOWER_CASE_WORD.test(word)) return undefined;
  const mostFrequent = (candidates: Iterable<string>): string | undefined => {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const candidateRank = candidate === word ? undefined : rank(candidate);
      if (candidateRank !== undefined && candidateRank < bestRank) [best, bestRank] = [candidate, candidateRank];
    }
    return best;
  };
  return mostFrequent(oneEditAway(word)) ?? mostFrequent(twoEditsThroughADouble(word));
}
