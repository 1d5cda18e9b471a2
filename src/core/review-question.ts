import { isOneLiner } from './review-text.js';

/** Someone addressing the bot before the question ("hey bot, is it good?"). */
const TO_THE_BOT = String.raw`(?:(?:hey|hi|yo|ok) )?@?movie ?bot[,:]?\s+|(?:hey|hi|yo) bot[,:]?\s+`;
/** Questions after an opinion or advice that end the message: what follows them would be their answer, a review. */
const ASKING = [
  String.raw`what do (?:you|u) think (?:of|about)\b[^?]*`,
  String.raw`(?:any |your )?thoughts on\b[^?]*`,
  String.raw`what(?:'s| is) your (?:favou?rite|opinion|take|rating)\b[^?]*`,
  String.raw`(?:have|did) (?:you|u) (?:seen|watched|watch|see)\b[^?]*`,
  String.raw`should (?:i|we) (?:watch|see|bother)\b[^?]*`,
  String.raw`(?:can|could|would) (?:you|u) (?:rate|review|recommend)\b[^?]*`,
  String.raw`how good (?:is|was)\b[^?]*`,
  String.raw`which (?:one )?(?:is|was) better\b[^?]*`,
  String.raw`what should (?:i|we) watch\b[^?]*`,
  String.raw`any (?:good )?(?:\w+ )?(?:movies?|films?|recommendations?|recs)\b[^?]*`,
  // The question alone, its film understood: "worth watching?", "any good?".
  String.raw`(?:worth (?:it|watching|seeing|a watch)|any good)`,
  // Only when the verdict ends the question: "was anything good about it?" and "is it just me or was it not good?" are
  // rhetorical pans.
  String.raw`(?:is|was|are) (?!.*\bjust me\b)[^?]{1,60}? (?:worth (?:it|watching|seeing|a watch|the hype|my time|the money)|(?:any )?good)(?: or not| at all)?`,
];
const QUESTION_FOR_THE_BOT = new RegExp(String.raw`^\s*(?:${TO_THE_BOT})?(?:${ASKING.join('|')})\s*\?+\s*$`, 'iu');
/** An order to rate a film by name ("rate the godfather", "can you review barbie"): no score, no "it", no opinion. */
const ORDER_TO_RATE = new RegExp(String.raw`^\s*(?:${TO_THE_BOT})?(?:(?:please|pls|can you|could you) )?(?:rate|review)(?! (?:it|this|that|them)\b)(?!.*\b(?:highly|high|low|stars?|well|badly|good|great|bad|awful|loved|hated|bomb(?:ing|ed)?)\b)(?: the (?:movie|film))? [^\d:,.!?]{1,40}?(?: please| pls)?[.!?]*\s*$`, 'iu');

/** A request for films to watch ("recommend me a horror movie", "suggest a good comedy for tonight"), with or without "?". */
const REQUEST_FOR_FILMS = new RegExp(String.raw`^\s*(?:${TO_THE_BOT})?(?:(?:please|pls|can you|could you|can u) )?(?:recommend|suggest)(?: me| us)? (?:(?:a|an|some|any|good|great|new|fun|\w+) ){0,3}(?:movies?|films?|comedy|comedies|horror|thriller|something|anything)\b[^.!]*[.!?]*\s*$`, 'iu');

/** What the bot says to a question about a film put to it as a review. */
export const ASKED_ABOUT_A_FILM =
  "That reads like you're asking me about a film. I rate what people write about a film (`/rate-review A slow start, then wonderful.`) and don't look films up by name, but send me its poster with `/poster` and I'll tell you its likely genres and rating.";

/**
 * Whether a message put to `/rate-review` asks the bot about a film ("is dune 2 worth it?", "what do you think of
 * Dune?", "rate the godfather", "recommend me a horror movie"), which a rating would answer as if the bot had rated the film. Rhetorical questions are
 * reviews ("who thought this was a good idea?"), and so is a question followed by its answer ("was it worth the hype?
 * no").
 */
export const isQuestionForTheBot = (message: string): boolean =>
  isOneLiner(message) && (QUESTION_FOR_THE_BOT.test(message) || ORDER_TO_RATE.test(message) || REQUEST_FOR_FILMS.test(message));
