import type { BotServices, Requester } from './command.js';
import { HOW_TO_ASK } from './message-links.js';
import { hasNoClearOpinion, notice, type Reply } from './reply.js';
import { ASKED_ABOUT_A_FILM, isQuestionForTheBot } from './review-question.js';
import { wordCount } from './review-text.js';
import { statedScore } from './stated-score.js';

/** Fewer words than this are a greeting or a "thanks", not a review ("hi", "what do you do?"). */
const MIN_REVIEW_WORDS = 4;
/**
 * Words a review has and talk to the bot lacks: the model rates "thanks for the help!" 7.7 and "hi, what do you
 * do?" 5.0 with words enough to count as an opinion, so the opinion alone cannot tell a review from a chat.
 */
const REVIEW_WORDS = /\b(?:movies?|films?|flicks?|(?:re)?watch(?:ed|ing)|saw|seen|cinema|theat(?:er|re)|imax|sequel|prequel|remake|plot|story|acting|actors?|actress|cast|ending|director|directed|trailer|scenes?|soundtrack|screenplay|script|cgi|villain|performances?|cinematography|visuals|twist|runtime|review)\b/i;

/**
 * A verdict on a film in chat's few words, without a review's words ("loved it", "barbie was so good omg", "saltburn
 * is a masterpiece"): a review when it is not said to or of the bot ({@link TO_OR_OF_THE_BOT}).
 */
const VERDICT = /\b(?:loved|hated|enjoyed|adored) (?:it|this|that)\b|\b(?:overrated|underrated|masterpiece)\b|\bmid\b(?!-)|\b(?:is|was|were)(?: (?:so|really|pretty|kinda|very|honestly|actually|absolutely|just))? (?:good|great|bad|awful|amazing|terrible|boring|incredible|fantastic|brilliant|trash|garbage|meh|perfect|fun)\b/i;
/** Talk to or of the bot ("you're so bad at this lol", "the bot is broken again"), which a verdict's words do not make a review. */
const TO_OR_OF_THE_BOT = /\b(?:you|your|you're|youre|u|ur|yourself|bot)\b/i;

/** The ways to say thanks, which open both a thank-you to the bot and talk about its answer. */
const THANK_WORDS = String.raw`thanks?|thank (?:you|u)|thx|ty|cheers`;
/** Thanks to the bot ("thanks!", "thank you so much"), answered in kind; not "thanks to the cast, the film works". */
const THANKS = new RegExp(String.raw`^\s*(?:${THANK_WORDS}|much appreciated)\b(?![^.!]*\b(?:but|for nothing)\b)`, 'i');
export const YOU_ARE_WELCOME = "You're welcome! 🎬";
/** Telling the bot its genres were wrong ("wrong genre, it's a comedy", "no, that's a horror"); not "no horror film…". */
const WRONG_GENRES = /^\s*(?:wrong\b|nope\b|no,|not quite\b|(?:that|it)(?:'s| is) (?:not|actually)\b).*\b(?:genres?|action|adventure|animation|animated|biography|comedy|crime|documentary|drama|family|fantasy|history|horror|music|musical|mystery|romance|sci-?fi|sport|thriller|war|western)\b/i;
export const HOW_TO_CORRECT = 'Thanks for telling me: press 👎 under my answer and pick the genres it really has, so whoever runs me can use it to retrain me.';

/**
 * The answer to a mention or a DM with neither an image nor a link: its text rated as a review when it reads as one
 * (a review's words, a score or a verdict, and an opinion: "@MovieBot just watched Barbie with my sister, we loved
 * it", "@MovieBot 8/10 for Dune", "@MovieBot saltburn is a masterpiece"), a question about a film answered as
 * `/rate-review` answers it, "slow down" as ever, thanks with "you're welcome", a wrong genre with how to correct it;
 * anything else (a greeting, "help", text with no opinion, another language) is told how to ask.
 */
export async function answerMentionText(bot: Pick<BotServices, 'rateReview'>, text: string, requester: Requester): Promise<Reply> {
  if (THANKS.test(text) && !REVIEW_WORDS.test(text)) return notice('info', YOU_ARE_WELCOME);
  // "It's actually a great horror film" is a review: a correction names a genre, not a film.
  if (WRONG_GENRES.test(text) && !REVIEW_WORDS.test(text)) return notice('info', HOW_TO_CORRECT);
  const howToAsk = notice('info', HOW_TO_ASK);
  // A score ("8/10 for Dune") or a verdict ("loved it") is a review in any few words.
  const verdict = statedScore(text) !== undefined || (VERDICT.test(text) && !TO_OR_OF_THE_BOT.test(text));
  if (!verdict && wordCount(text) < MIN_REVIEW_WORDS) return howToAsk;
  if (!verdict && !REVIEW_WORDS.test(text) && !isQuestionForTheBot(text)) return howToAsk;
  const reply = await bot.rateReview(text, requester, { explain: true });
  if (reply.kind === 'review') return hasNoClearOpinion(reply.result) ? howToAsk : reply;
  return reply.kind === 'notice' && (reply.tone === 'busy' || reply.text === ASKED_ABOUT_A_FILM) ? reply : howToAsk;
}

/** Thanks, verdicts and doubts on an answer ("thanks!", "wrong genre", "why drama?"): talk about the bot's card, not a request. */
const ABOUT_THE_ANSWER = new RegExp(String.raw`^\s*(?:${THANK_WORDS}|nice|cool|great|lol|lmao|haha|good bot|bad bot|wrong|nope|not quite|close|yes|yep|no|ok|okay|why|how come|are you sure|really)\b`, 'i');

/**
 * Whether a mention's own text asks about the message it answers (a reply to someone's poster on Discord, a thread
 * under it on Slack): "what genre is this?", "rate this", "^" do; "thanks!", "wrong genre" are about the bot's answer
 * already in that thread, and a review of its own is read as one.
 */
export const asksAboutTheirs = (ownText: string): boolean => !ABOUT_THE_ANSWER.test(ownText) && !REVIEW_WORDS.test(ownText);

/**
 * What a mention asking about a message the bot has answered already gets (a second "what genre is this?" under a
 * poster): its answer, linked where the platform says which message it answered (Discord), else the thread it is in.
 */
export const answeredAlready = (answerLink?: string): Reply =>
  notice('info', answerLink === undefined ? "I've answered in this thread already, just above." : `I answered that one already: ${answerLink}`);

/**
 * The answer to a mention's text: the text of the message it answers (`theirText`, empty when there is none) rated
 * as a review, as Rate review would rate it, or else its own text as {@link answerMentionText} reads it.
 */
export const answerMention = (
  bot: Pick<BotServices, 'rateReview'>,
  { ownText, theirText }: { readonly ownText: string; readonly theirText: string },
  requester: Requester,
): Promise<Reply> => (theirText === '' ? answerMentionText(bot, ownText, requester) : bot.rateReview(theirText, requester, { explain: true }));
