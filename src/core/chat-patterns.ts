/** The pieces chat-slang patterns are built from: where a verdict ends, what it is about, and a `\b` for any script. */

/** Fillers chat puts after a verdict ("mid af") that the model never learnt: they end a clause, then are dropped. */
export const TRAILING_FILLERS = 'af|fr|tbh|ngl|lmao';
/** Where chat slang ends its clause: punctuation, the end of a line, or a filler. */
export const CLAUSE_END = String.raw`(?=\s*(?:[.!?,;:)]|$|(?:${TRAILING_FILLERS}|imo|lol|so|hard)\b))`;
/** What stresses a verdict between "is" and the verdict ("this was actually peak", "it's genuinely fire"). */
const STRESS = '(?:actually|honestly|genuinely|really|truly)';
/** Words that say "it is" before a one-word verdict ("this is peak", "it's fire", "this was actually peak"). */
export const VERDICT_VERB = String.raw`(?<=\b(?:(?:is|was)(?: ${STRESS})?|so|pure|straight|absolute|literally|kinda|lowkey|just) |(?<!\bat )\bit's (?:${STRESS} )?)`;
/** `\b` for any script: JavaScript's own sees a word edge inside "frío". */
const WORD_EDGE = String.raw`(?:(?<![\p{L}\p{N}])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?![\p{L}\p{N}]))`;
/** "Okay" and its spellings. */
export const OKAY = '(?:okay|ok|alright)';
/** Words that soften a verdict ("pretty okay"). */
export const HEDGE = '(?:pretty|just|only|fairly|kinda|really)';
/** The film as the subject of a verdict ("the movie", "this one"). */
export const FILM = String.raw`\b(?:it|this|that|movie|film|one)`;
/** The "bad" of a "not bad" verdict ("not too bad"), unless a comparison follows ("not bad enough to…", "not bad as…"). */
export const NOT_BAD_VERDICT = String.raw`(?:too |that |so )?bad\b(?! (?:enough|as)\b)`;
/** The time a bad film took ("two hours of my life"), in the idioms that want it back. */
export const LOST_TIME = String.raw`(?:\w+ )?(?:hours?|minutes|mins)(?: of my life)?`;
/** The film or a part of it, before chat's praise of it ("the soundtrack goes hard"). */
export const FILM_PART = String.raw`\b(?:it|this|that|movie|film|one|soundtrack|score|ending|music|finale|cast|act|scenes?|fights?|sequence|trailer|opening|song|twist|visuals|effects|action|acting|chemistry|cinematography|performances?|leads)`;
/** The words that make "goes hard" harder. */
export const HARD_INTENSIFIER = '(?:so|really|super|absolutely)';
/** What a lead carries on their shoulders ("carried the whole movie"); not a gun or a bag. */
export const CARRIED_THING = String.raw`(?:the|this|that) (?:whole |entire )?(?:movie|film|show|thing)\b`;
/** What follows in the same clause ("better than expected but…", "…in a bad way"). */
export const REST_OF_CLAUSE = String.raw`[^.!;\n]*`;
/** Not after a negation ("no better than", "isn't any better than"). */
export const NOT_NEGATED = String.raw`(?<!(?:\bnot|\bnever|\bno|\bhardly|n't)(?: \w+){0,2} )`;
/** Not asked ("was it better than the book?"). */
export const NOT_ASKED = String.raw`(?!${REST_OF_CLAUSE}\?)`;
/** At the end of the line, an optional filler ("tbh") and final punctuation aside: the whole verdict. */
export const ENDS_LINE = String.raw`(?=\s*(?:(?:${TRAILING_FILLERS}|imo|lol)\b)?[\s.!]*$)`;
/**
 * Praise made conditional on something dull, chat's deadpan pan: "great movie if you like staring at a wall", "perfect if
 * you need a nap", "10/10 if you have insomnia". Not a taste ("if you like horror", "if you need a good cry").
 */
export const IF_YOU_LIKE_DULL = String.raw`\bif (?:you|u) (?:like|love|enjoy|need|want|have|are into)(?: to)? (?:staring at (?:a |the )?walls?|watch(?:ing)? (?:paint dry|grass grow)|(?:a |an )?naps?|(?:some )?sleep|fall(?:ing)? asleep|insomnia|trouble sleeping|being bored|boredom|wast(?:e|ing) (?:\w+ )?(?:time|hours?|money|minutes)|no taste)\b`;
/** The words that make a chat "W" (a win) bigger. */
export const W_INTENSIFIER = '(?:massive|huge|big|total|absolute)';
export const slang = (pattern: string): RegExp => new RegExp(pattern.replaceAll(String.raw`\b`, WORD_EDGE), 'gmu');
