import {
  CLAUSE_END, HEDGE, FILM, FILM_PART, HARD_INTENSIFIER, CARRIED_THING, REST_OF_CLAUSE, NOT_ASKED, NOT_NEGATED, ENDS_LINE, IF_YOU_LIKE_DULL, slang
} from './chat-patterns.js';

/** Where a film can be watched at home: waiting for one of these is a verdict on the ticket. */
const AT_HOME = String.raw`(?:streaming|netflix|disney\+?|hbo(?: max)?|max|prime(?: video)?|hulu|apple tv\+?|peacock|paramount\+?|blu-?ray|dvd|vod|tv|cable)`;

/** "Least" as the opposite of "most"; not "at least funny" nor "not in the least funny". */
const LEAST = String.raw`(?<!\b(?:at|in the) )\bleast`;
/** The reviewer, as the optional subject of "(i've) never been so bored". */
const REVIEWER_HAS = String.raw`(?:\bi(?:'ve| have|ve)? )?`;
/** "Better than I expected", not negated, asked, nor a box office's ("did better than expected"). */
const BETTER_THAN_EXPECTED = String.raw`${NOT_NEGATED}(?<!\bdid (?:\w+ )?)\b(?:(?:way|much|so much|a lot|far) )?better than (?:(?:i|we|anyone|everyone) )?(?:expected|thought)(?: it would be)?\b${NOT_ASKED}`;
/** What a viewer sees coming, or not. */
const TWIST = '(?:it|that|this|the twist|that twist|every twist|the twists|the ending|that ending|the end|the reveal)';
/** Praise that chat puts in scare quotes: "masterpiece", "acting", "best movie of the year". */
const QUOTED_PRAISE = String.raw`(?:"|“|(?<![\p{L}\p{N}])')\s*(?:(?:a|an|the|real|true|total) )*(?:masterpiece|great|amazing|genius|brilliant|classic|acting|scary|funny|comedy|perfect|epic|iconic|fun|good|must[- ]see|oscar[- ]worthy|best (?:\w+ ){0,3}(?:of (?:the|all) (?:year|time|decade)|ever))\s*(?:"|”|'(?![\p{L}\p{N}]))`;
/** Where the reviewer takes the quoted praise up: "they called it a "masterpiece" and they were right". */
const PRAISE_TAKEN_UP = String.raw`\b(?:right|earns?|earned|deserved?|deserves|deserving|lives? up|lived up|not an exaggeration|actually|indeed|for real|loved it)\b`;
/** What lands, or does not: a joke, a scene, an ending. */
const LANDING_PART = '(?:jokes?|gags?|humou?r|comedy|punchlines?|ending|finale|scenes?|beats|moments?|twist)';
/**
 * A pan's noun said not to apply, or to have been a risk the film escaped: "not a cash grab at all", "this isn't a
 * dumpster fire", "could have been a cash grab but".
 */
const deniedOrAverted = (noun: string): string =>
  String.raw`\b(?:(?:is |was |it's |feels |felt )?(?:not|never|far from|hardly|\w+n't)(?: \w+){0,2}|could(?: have|'ve) been|should(?: have|'ve) been) (?:a |an |just a |another )?(?:\w+ )?${noun}(?: at all)?\b`;
/**
 * Readings safe only in a one-liner, a verdict: in long reviews these phrases are as often hedged, hypothetical or about
 * something else ("I wouldn't dare say it is better than the original", "she could sing better than the original", a
 * shop that "carries this movie").
 */
export const ONE_LINER_SLANG: ReadonlyArray<readonly [RegExp, string]> = [
  // Sarcasm as chat marks it, at the end of the line: an eye-roll emoji, "/s", or "... not." The words before it say
  // the opposite of what is meant, so the whole line reads as the pan it is ("what a masterpiece 🙄" 8.7, "best movie
  // of the year /s" 8.7, "such a masterpiece. not." 8.1). "masterpiece. no /s" is praise, and an eye roll at the
  // haters or the critics ("loved it, ignore the haters 🙄") defends the film.
  [slang(String.raw`^(?!.*\b(?:haters?|critics)\b).*\S.*?(?:🙄(?:\s*🙄)*[.!]*|(?<!\bno)\s/s[.!]*|[.!]\s*not[.!]*)\s*$`), 'it was awful'],
  // So does praise in scare quotes ('yeah "masterpiece" sure' 7.9, 'such "great" acting' 7.8), unless the reviewer
  // takes it up ('they called it a "masterpiece" and they were right').
  [slang(String.raw`^(?!.*${PRAISE_TAKEN_UP}).*${QUOTED_PRAISE}.*$`), 'it was awful'],
  // So does praise on a dull condition ("great movie if you like staring at a wall" 6.3, "perfect if you need a nap" 6.7),
  // and a film that cures insomnia.
  [slang(String.raw`^.*${IF_YOU_LIKE_DULL}.*$|\b(?:a |the )?(?:\w+ )?(?:cure|remedy) for insomnia\b`), 'a boring film'],
  // Chat's openers address the channel, not the film: "bro this movie was actually so good" read 5.6, "this movie was
  // actually so good" 6.3.
  [slang(String.raw`^\s*(?:bro|bruh|dude|yo)\b[,!]?\s*`), ''],
  // So do disclaimers said with a negation, whose scope otherwise reaches the verdict when no comma ends it: "no joke the
  // best movie of the year" 5.1, "not gonna lie that ending got me" 5.5, "not to be dramatic but i think about this
  // movie every day" 5.5.
  [slang(String.raw`^\s*(?:no (?:joke|lie|kidding)|not (?:gonna|going to) lie|not to (?:be|sound) (?:dramatic|crazy|mean|harsh|rude|biased)(?: or anything)?,? but)\b[,!.:]?\s*`), ''],
  // The plainest one-liner read low: the model learnt "the movie was" from IMDb's pans ("The movie was good" 5.4, "It was
  // good" 7.1). "The film was good" reads 6.4 already.
  [slang(String.raw`^\s*(?:the|this) movie (?=(?:is|was)\b)`), 'it '],
  // "Perfectly" praises nothing before a middling word: "it was perfectly fine" read 8.4, "a perfectly average movie" 6.9.
  [slang(String.raw`\bperfectly (?=(?:average|fine|okay|ok|alright|adequate|serviceable|acceptable|watchable|ordinary|mediocre)\b)`), ''],
  // Where it is worth watching, chat's verdict on the ticket: at home or at a matinee is middling ("worth a watch once
  // it's on streaming" 8.0, "skip the theater, stream it" 3.3, "matinee at best" 7.9), a film for TV at best a pan ("a
  // streaming movie at best" 6.8), on the big screen praise ("see it in theaters, not at home" 4.8), as advice, not
  // "i paid to see it in the theatre". Waiting for streaming is read with the middling verdicts below.
  [slang(String.raw`\b(?:worth a (?:watch|look)|fine|ok(?:ay)?|good enough|decent) (?:once (?:it's|it is|it hits)|when (?:it's|it is|it hits)|on) (?:on )?${AT_HOME}\b|\bskip the (?:theater|theatre|cinema),? (?:just )?(?:stream|rent) it\b|\bmatinee at best\b`), 'watchable but flawed'],
  [slang(String.raw`\b(?:a )?${AT_HOME} (?:movie|film|watch) at best\b`), 'mediocre'],
  [slang(String.raw`(?<=^\s*|[,.!;:]\s*|\b(?:go(?: and)?|must|should|need to|have to|gotta|definitely|just|please) )see it (?:in (?:a |the )?(?:theaters?|theatres?|cinemas?|imax)|on the (?:big|biggest) screen(?: you can)?)\b(?:,? not at home\b)?`), 'a must see on the big screen'],
  // "Nothing special" is middling, but the negation scope read it as a pan ("alright movie, nothing special" 2.9).
  // "Nothing special, nothing terrible" is SLANG_WORDS' neither-nor.
  [slang(String.raw`\bnothing (?:(?:too|so|that|really|very|all that) )?special\b(?!,? (?:(?:but|and) )?(?:also )?nothing (?:bad|terrible|awful|horrible)\b)`), 'just average'],
  // A film's arc is judged by where it ends: "a slow start, then wonderful" read 5.0, "starts slow, then gets really
  // good" 4.4, as if the start weighed as much.
  [slang(String.raw`(?<=\b(?:start|opening|beginning|first (?:act|half|hour)|starts?(?: off)? (?:slow(?:ly)?|strong(?:ly)?|well|badly|great))),? (?:and )?then\b`), ' but overall'],
  // "Fine" as the whole verdict is middling, as "okay" is, but the model read "it was fine" 7.2; "a fine film", "fine
  // until the ending ruined it" and "it was fine, nothing more" (4.1) read as written.
  [slang(String.raw`(?<=${FILM}(?: (?:is|was))? (?:(?:${HEDGE}|totally) )?|\bit's (?:(?:${HEDGE}|totally) )?)fine\b${ENDS_LINE}`), 'average'],
  // The model learnt comparisons from pans: "better than the original" read 4.7.
  [slang(String.raw`${NOT_NEGATED}\bbetter than the (?:book|novel|original|first(?: one| film| movie)?|comics?|manga|source material)\b${NOT_ASKED}`), 'excellent'],
  // The model learnt "expected" from pans ("I expected more"): "way better than i expected" read 5.2. Not before a
  // "but", where the verdict is what follows ("better than expected but still bad"). The intensifier goes with it, so
  // the card's "Read as" says "a pleasant surprise", not "way a pleasant surprise".
  [slang(String.raw`${BETTER_THAN_EXPECTED}(?!${REST_OF_CLAUSE}\bbut\b)`), 'a pleasant surprise'],
  // Chat's "overrated" and its mirror: "i don't get the hype" read 5.5, "now i get the hype" 4.7. Not "didn't get the
  // hype at first", whose verdict follows.
  [slang(String.raw`(?:\bi (?:(?:really|still|just) )?)?\b(?:do not|don't) (?:really )?(?:get|understand|see) (?:all )?the hype\b${NOT_ASKED}`), 'it is overrated'],
  [slang(String.raw`(?:\b(?:now|finally) (?:i )?(?:get|understand|see) (?:all )?the hype|\bi (?:get|understand|see) (?:all )?the hype now)\b${NOT_ASKED}`), 'it is excellent'],
  // "Believe the hype" read 3.6: the model learnt it from pans that say not to.
  [slang(String.raw`${NOT_NEGATED}\bbelieve (?:all )?the hype\b${NOT_ASKED}`), 'it is excellent'],
  // "Never been so bored" is an intensifier, not a negation: the negation scope read "not_bored" (5.7-7.1).
  [slang(String.raw`${REVIEWER_HAS}\bnever (?:been|felt) (?:so|this|more) (?!a\b|the\b)(\w+)`), 'i was extremely $1'],
  [slang(String.raw`${REVIEWER_HAS}\bnever laughed (?:so|this) (?:hard|much)`), 'it was hilarious'],
  [slang(String.raw`${REVIEWER_HAS}\bnever cried (?:so|this) (?:hard|much)`), 'it moved me deeply'],
  // "I've seen better" read 5.5, as a shrug; it is a pan. "Seen better, seen worse" is the shrug.
  [slang(String.raw`^\s*(?:i(?:'ve| have|ve) )?seen better,? (?:and |but )?seen worse\b`), 'it was average'],
  [slang(String.raw`^\s*(?:i(?:'ve| have|ve) )?seen better(?: (?:student )?(?:films|movies|ones))?${ENDS_LINE}`), 'it was weak'],
  // Middling verdicts in chat's words, which the model read as pans ("i've seen worse" 3.4, "could have been worse" 2.8,
  // "decent but forgettable" 3.3, "wait for streaming" 3.8) or as praise ("entertaining enough" 8.2, "it's watchable"
  // 7.4): IMDb's reviews have no 5s or 6s to learn them from. Only as the whole verdict ("i've seen worse but not by
  // much" is a pan), and not as a pan's consolation ("... but it could have been worse").
  [slang(String.raw`(?:^\s*|(?<=[,.;!]\s*))(?:i(?:'ve| have|ve) )?seen worse(?: (?:films|movies|ones))?${ENDS_LINE}|(?<!\bbut (?:it |this )?)\bcould(?:'ve| have) been (?:(?:a lot|much|far|way) )?worse(?:,? honestly)?${ENDS_LINE}`), 'it was average'],
  [slang(String.raw`(?<=\b(?:decent|fine|okay|ok|alright|fun|good|watchable|enjoyable|entertaining)(?: enough)?,? (?:but|and|yet) )forgettable\b`), 'average'],
  [slang(String.raw`\bsome (?:good|great|fun|funny) (?:moments|parts|bits|scenes),? (?:and |but )?some (?:boring|bad|dull|slow|weak) (?:ones|moments|parts|bits|scenes)\b`), 'it was average'],
  [slang(String.raw`\bwait (?:for (?:it (?:to (?:hit|come to|be on) )?)?|(?:till|until) it(?:'s| is) on )${AT_HOME}\b`), 'it was average'],
  [slang(String.raw`\b(?:entertaining|watchable|fun|decent) enough${ENDS_LINE}`), 'decent but average'],
  [slang(String.raw`(?<=${FILM}(?: (?:is|was))? (?:(?:pretty|just|fairly|kinda) )?|\bit's (?:(?:pretty|just|fairly|kinda) )?)watchable${ENDS_LINE}`), 'average'],
  // Chat's praise that the model read as a shrug: "would rewatch" 4.6 ("i'd watch it again if i had to" is no praise), "the cast killed it" 5.5, "did not disappoint"
  // 5.8, "left the theater smiling" 4.7, "a total win" 5.8. "killed it for me" and "killed the franchise" are pans.
  [slang(String.raw`(?:\bi'd|\b(?:i )?would) (?:(?:definitely|totally|absolutely|def) )?(?:rewatch|watch (?:it )?again)\b(?!,? (?:only )?if\b)${NOT_ASKED}`), 'it is worth watching again'],
  [slang(String.raw`(?<=\b(?:cast|actors?|actress(?:es)?|he|she|they|everyone|everybody|director|leads?) )killed it\b(?! for\b)`), 'was superb'],
  // ... but a part of the film that "killed it for me" ruined it (5.9), and a lead who "steals every scene" is praised (5.1).
  [slang(String.raw`(?<=${FILM_PART} )killed it for me\b`), 'ruined it for me'],
  [slang(String.raw`\bsteals every scene\b`), 'is superb in every scene'],
  // "Never gets old" is praise the negation scope read as a pan ("this movie never gets old" 4.2); "the jokes got old fast"
  // reads as written.
  [slang(String.raw`(?:(?<=${FILM_PART} (?:just |really )?)|^\s*)(?:never|doesn't|does not|won't|will never) (?:gets?|grows?) old\b`), 'is always a joy'],
  [slang(String.raw`\b(?:did not|didn't) disappoint\b${NOT_ASKED}`), 'was excellent'],
  [slang(String.raw`\b(?:left the (?:theater|theatre|cinema)|walked out(?: of the (?:theater|theatre|cinema))?) (?:smiling|grinning)\b`), 'it was delightful'],
  [slang(String.raw`\ba (?:total|huge|massive|big|complete) win\b`), 'a triumph'],
  // When the end came: too soon is praise ("didn't want it to end" 5.9, "over way too soon" 4.5), too late a pan ("i
  // just wanted it to end" 5.2, "it never seemed to end" 5.9). "wanted it to end differently" is about the ending.
  [slang(String.raw`(?:\bi )?\b(?:did not|didn't|never) want(?:ed)? it to end\b|(?:\bi )?\bwish(?:ed)? it (?:was|were) (?:(?:a bit|a little|way|much) )?longer\b|(?:\bit (?:was |is )?)?\b(?:over|ended) (?:way |far |much )?too soon\b`), 'i loved every minute'],
  [slang(String.raw`(?:\bi )?\bwish(?:ed)? it (?:was|were) (?:(?:a bit|a little|way|much) )?shorter\b|(?:\bi )?\b(?:just )?wanted it to end(?:${CLAUSE_END}| already\b)|(?:\bit )?\bnever seemed to end\b`), 'it was tedious'],
  // A trailing "wtf" is surprise at the verdict before it, not a pan ("that was so good wtf" 3.8).
  [slang(String.raw`(?<=\S)\s+wtf[\s.!?]*$`), ''],
  // Asking why nobody talks about a film is chat's "underrated" (3.7-4.5).
  [slang(String.raw`\b(?:why|how) (?:is|isn't|is not|are|aren't|are not) (?:nobody|no one|noone|anyone|anybody|everyone|more people) talking about (?:this|it)(?: (?:movie|film|one))?\b`), 'it is underrated'],
  // "I expected more" read 5.7: the model never learnt a disappointment said without a word for it.
  [slang(String.raw`\bexpected (?:so |way |a lot |much )?more\b(?:${CLAUSE_END}|(?= from\b))`), 'was disappointed'],
  // Read word by word, a twist nobody saw coming is a negated pan ("didn't see that twist coming" 3.7), and one
  // everybody saw coming is neither ("saw the twist coming a mile away" 5.3).
  [slang(String.raw`(?:\b(?:didn't|did not|couldn't|could not|won't|will not|can't|cannot|never) (?:even )?see|\bnever saw) ${TWIST} coming\b(?! (?:because|since)\b)`), 'a brilliant surprise'],
  [slang(String.raw`\b(?:saw|see) ${TWIST} coming\b(?:${CLAUSE_END}|(?= (?:but|(?:from )?a mile away|miles away|from (?:the )?(?:start|trailer|beginning))\b))`), 'predictable'],
  // "Couldn't have been better" is praise the model read as a pan (3.3); "could've been better" alone is a shrug (3.7).
  [slang(String.raw`\b(?:couldn't|could not|can't|cannot) have been (?:(?:any )?better|more perfect)\b`), 'was perfect'],
  [slang(String.raw`\b(?:couldn't|could not|can't|cannot)(?: have asked| ask) for (?:a )?(?:better|more)\b`), 'got a perfect'],
  [slang(String.raw`\bcould(?:'ve| have) been better\b${ENDS_LINE}`), 'decent but flawed'],
  // "Least" reverses the word after it, which the model read as the word itself: "my least favorite movie of the year"
  // 7.8, "the least funny comedy" 6.3. Not "not even my least favorite"; in a long review it often ranks a part
  // ("my least favorite of the four", in a review rated 8).
  [slang(String.raw`${NOT_NEGATED}${LEAST} favou?rite\b`), 'worst'],
  [slang(String.raw`${LEAST} funny\b`), 'most unfunny'],
  [slang(String.raw`${LEAST} (?:interesting|entertaining|exciting|engaging|compelling)\b`), 'most boring'],
  [slang(String.raw`${LEAST} memorable\b`), 'most forgettable'],
  // Comparisons read as pans ("the sequel is even better" 4.1); "even better would have been…" reads as written.
  [slang(String.raw`\b(?:is|was|gets|got) even better\b`), 'is excellent'],
  // Praise said with a negation, which the model read as a pan ("The kind of movie they don't make anymore" 3.4);
  // not "why they don't make movies like this anymore" nor "… anymore for good reason".
  [slang(String.raw`(?<!\bwhy )\bthey (?:just )?(?:don't|dont|do not) make(?: (?:them|em|'em|movies|films|it|ones))?(?: like (?:this|that|these|those))? any ?more\b(?! for\b)`), 'a timeless classic'],
  [slang(String.raw`${NOT_NEGATED}\bgive (?:her|him|them|this|the \w+) (?:the|an) oscar\b`), 'deserves an oscar'],
  // Only in a one-liner: in a long review a shop "carries this movie" as often as a lead does.
  [slang(String.raw`\bcarries(?= ${CARRIED_THING})`), 'is superb in'],
  // In chat "insane" and "unreal" are praise; the model learnt them from plots and pans ("THIS MOVIE IS INSANE" 4.3).
  [slang(String.raw`(?:(?<=${FILM_PART} (?:is|was) (?:${HARD_INTENSIFIER} )?)|(?<=\b(?:it|that)'s (?:${HARD_INTENSIFIER} )?)|^\s*)(?:insane|unreal)\b${CLAUSE_END}`), 'amazing'],
  [slang(String.raw`\binsane(?= (?:movie|film|ending|twist|performances?|cinematography|visuals|soundtrack|score|fight|scene|action)\b)`), 'amazing'],
  // "Sick" and "crazy" are praise too ("that was sick" 4.0); not "i was sick", "sick and twisted", "the plot is crazy
  // stupid".
  [slang(String.raw`(?<=${FILM_PART} (?:is|was|were|are) (?:${HARD_INTENSIFIER} )?)(?:sick|crazy)\b${CLAUSE_END}`), 'awesome'],
  [slang(String.raw`\bsick(?= (?:movie|film|fights?|scenes?|soundtrack|visuals|action|ending)\b)`), 'awesome'],
  // A scene or a joke that "hits" landed ("every joke hits" 3.1, "ok this one hit" 6.0); not "he hit her", "the car
  // hit him", "it never hits", "none of the jokes hit".
  [slang(String.raw`${NOT_NEGATED}(?<!\bnone\b[^.!?,;]*)(?<=(?:${FILM_PART}|\bstory|\b(?:this|that) one|\bevery (?:scene|joke|song|line|moment)|\bthe jokes)(?: (?:really|just|totally))? )hits?(?: (?:so |really )?hard)?\b${CLAUSE_END}`), 'works brilliantly'],
  // Kept is loved ("this one's a keeper" 4.9); not a zoo's or a goal's keeper.
  [slang(String.raw`(?<=(?:^\s*|${FILM}(?:'s| is| was) )(?:(?:definitely|totally|absolutely|honestly|certainly) )?)a keeper\b`), 'a great film'],
  [slang(String.raw`${NOT_NEGATED}\bnailed (it|the (?:casting|ending|tone|role|part|score|soundtrack|adaptation|finale)|every \w+)\b`), 'got $1 perfect'],
  // "Cooked" is praise of whoever made the film ("the director cooked" read 4.4); not a state ("we're cooked", "the
  // books were cooked"), a compound ("half cooked") nor a meal ("cooked dinner").
  [slang(String.raw`(?<!\b(?:we're|we are|i'm|i am|you're|you are|it's|is|are|was|were|be|been|got|get|half|over|under|pre|un|home)[- ](?:(?:really|absolutely|totally|so) )?)\b(?:(?:really|absolutely|totally|so) )?cooked\b(?:${CLAUSE_END}|(?= (?:with|and)\b))`), 'did brilliant work'],
  [slang(String.raw`\blet (?:him|her|them|bro|the \w+|this (?:man|woman|guy|director)) cook\b${CLAUSE_END}`), 'brilliant work'],
  // Doing no wrong is flawless work ("this cast can do no wrong" 5.3), not when asked.
  [slang(String.raw`\b(?:can|could) (?:do no wrong|never do (?:any )?wrong)\b${NOT_ASKED}`), 'is excellent'],
  // A film that "had no business being this good" beat what its premise promised: praise the model read as a pan
  // ("this movie had no business being that good" 3.6), word by word a negation of "good".
  [slang(String.raw`\b(?:had |has )?no (?:business|right) being (?:that|this|so|as) (good|great|fun|funny|moving|emotional|entertaining|enjoyable|beautiful|touching|clever|smart|gripping|scary|watchable)(?: as it (?:was|is))?\b`), 'was surprisingly $1'],
  // The film as the standard for its kind: "this is what movies are supposed to be" read 3.5, "supposed to be" being
  // how IMDb's pans open. Not negated ("not what a sequel is supposed to be"), asked, nor in the past ("what it was
  // supposed to be" is what it failed to be).
  [slang(String.raw`${NOT_NEGATED}(?<!\bnothing like )\b(?:exactly |just |everything )?(?:what|everything) (?:an? |the )?(?:\w+ ){0,2}?(?:should be|(?:is|are) (?:supposed|meant) to be)\b${NOT_ASKED}${ENDS_LINE}`), 'a perfect film'],
  // Stealing the show is praise of whoever did ("the villain stole the show" 4.6, "the dog stole every scene" 5.1).
  [slang(String.raw`\b(?:stole|steals|stealing) (?:the show|every scene|the movie|the film|every moment)\b`), 'was excellent'],
  // "Fumbled" is chat's "ruined", a word the model barely knows ("they fumbled the ending" 5.5).
  [slang(String.raw`\b(?:didn't|did not|don't|do not|never) fumbled? (?:it|this(?: one)?|that|the bag)\b`), 'got it perfect'],
  [slang(String.raw`\bfumbl(?:(ed)|e)\b`), 'ruin$1'],
  // Doing it again "in a heartbeat" is eager praise, and the model knows the heartbeat from thrillers' pans ("i would
  // go back to the theater in a heartbeat" 3.6); walking out in a heartbeat stays a pan.
  [slang(String.raw`${NOT_NEGATED}\b(?:i(?: would|'d|’d|d)|would)(?: (?:happily|gladly|totally|definitely|honestly))? (?:watch|see|rewatch|go back|recommend|buy)\b[^.!?,;]*? in a heartbeat\b`), 'it is worth watching again'],
  // Slapping or hitting harder is outdoing the other film ("it slaps harder than the first" 3.9), unless the other
  // film, the book or the trailer is the one that does ("the original slaps harder").
  [slang(String.raw`(?<!\b(?:first(?: one)?|original|book|trailer|novel|comic|comics|manga|previous one|last one|old one) )\b(?:slaps|slapped|hits|hit)(?: (?:even|way|so much|much))? harder\b(?: than [^.!?,;]*)?`), 'is excellent'],
  // A dumpster fire, a trainwreck: chat's disasters, read barely as pans ("absolute dumpster fire" 4.9, "what a
  // trainwreck" 5.4); one denied is praise.
  [slang(deniedOrAverted('(?:dumpster fire|train ?wreck|car crash)')), 'is genuinely good'],
  [slang(String.raw`\b(?:dumpster fire|train ?wreck|car crash)\b`), 'disaster'],
  // A bottom N is a top N of the worst ("easily bottom 10 all time" 6.0); "nowhere near my top 10" is not praise (7.2).
  [slang(String.raw`\bbottom (?:\d+|three|five|ten)\b`), 'one of the worst'],
  [slang(String.raw`\bnowhere near (?:my|the) top (?:\d+|three|five|ten)\b`), 'not good at all'],
  // A cash grab is a pan the model read as barely one ("this one is a cash grab" 5.0); one it escaped, or could have
  // been, is praise ("not a cash grab at all" 3.5).
  [slang(deniedOrAverted('cash[- ]grabs?')), 'is genuinely good'],
  [slang(String.raw`\bcash[- ]grabs?\b`), 'lazy awful film'],
  // "Not in a good way" undoes what came before it ("i'm speechless, and not in a good way" 6.7), and waiting to
  // forget the film is no eagerness ("can't wait to forget this" 7.0).
  [slang(String.raw`^.*\bnot in a good way\b.*$`), 'it was awful'],
  [slang(String.raw`\b(?:can't|cannot|can not) wait to (?:forget|unsee)\b[^.!?,;]*`), 'it was awful'],
  // A joke or a scene that "lands" works ("every joke landed" 2.8, "the jokes land" 4.8); not one that lands rarely,
  // with a thud, or for none or half of them.
  [slang(String.raw`${NOT_NEGATED}(?<!\b(?:none|half|few|some)\b[^.!?,;]*)(?<=\b${LANDING_PART}(?: (?:all|really|just|totally|actually))? )(?:lands?|landed)\b(?:(?= (?:every time|perfectly|so well|beautifully|hard)\b)|${CLAUSE_END})`), 'works brilliantly'],
  [slang(String.raw`(?<=\b${LANDING_PART} )(?:never|rarely|barely|didn't|did not|don't|do not|doesn't|does not)(?: really| quite| always)? (?:lands?|landed)\b`), 'fell flat'],
  // Time or money well spent, a film that pays off or is worth sticking with: praise the model read as pans ("money
  // well spent" 3.4, "it pays off in the end" 5.1, "the first act is slow but stick with it" 4.3); one that never pays
  // off falls flat (5.9), one nobody could stick with stays a pan.
  [slang(String.raw`${NOT_NEGATED}\b(?:(?:\w+ )?(?:hours?|minutes?)|time|money|every (?:minute|penny|second|cent)) well spent\b`), 'it was worth it'],
  [slang(String.raw`\b(?:never|doesn't|does not|didn't|did not|won't|will not|don't|do not) (?:really |quite |ever |fully )?pay(?:s|ed)? off\b`), 'falls flat'],
  [slang(String.raw`${NOT_NEGATED}(?<!\bnothing )\bpays off\b`), 'is worth it'],
  [slang(String.raw`(?<!\b(?:couldn't|could not|can't|cannot|didn't|did not|won't|hard to|impossible to|not) )\bstick with it\b${NOT_ASKED}`), 'it is worth it'],
  [slang(String.raw`${NOT_NEGATED}\b(?:that's|that is|but it's|but it is|and it's|and it is|but|and) (?:so |totally |absolutely |definitely )?worth it\b${CLAUSE_END}`), 'and it is excellent'],
  [slang(String.raw`\b((?:the )?(?:ending|finale|cast|score|soundtrack|lead|acting|last act|third act)) (?:really |kind of |kinda )?saved (?:it|the (?:movie|film))\b`), '$1 made it great'],
  // Giving it a miss or a wide berth is skipping it ("give it a miss" 6.4, "give it a wide berth" 6.9); more hits than
  // misses is mostly good (3.9).
  [slang(String.raw`${NOT_NEGATED}\b(?:give|giving) (?:it|this|that)(?: one)? (?:a miss|a wide berth)\b`), 'skip it'],
  [slang(String.raw`\b(?:mostly hits|more hits than misses)\b(?:,? (?:a )?few misses)?`), 'mostly great'],
  // A tough or rough sit, and a rough time at the movies, are pans ("a tough sit" 6.3). A rewatch as the verdict is
  // praise ("a rewatch for sure" 5.3), one denied a pan; a rewatch planned is read below, and one that made it worse
  // reads as written.
  [slang(String.raw`\b(?:not|never) (?:a|an) rewatch\b`), 'not worth watching again'],
  [slang(String.raw`(?<!\b(?:planning|planning on|plan on|need|want) )\b(?:a|an instant|an easy) rewatch(?: for sure)?\b${ENDS_LINE}`), 'worth watching again'],
  [slang(String.raw`\b(?:a |such a |what a )?(?:tough|rough) (?:sit|time at the (?:movies|cinema|theater|theatre))\b`), 'a boring ordeal'],
  // A sequel's number is part of its title: IMDb's reviewers named sequels mostly to pan them, so the model took 1.2 to
  // 1.6 points off chat's praise of one ("gladiator 2 was great" 6.1, "top gun 2 exceeded every expectation" 4.7).
  // Only a number after a title's word and before the verdict's verb; not a count ("only 2 were good", "the first 2").
  [slang(String.raw`(?<=\p{L}[\p{L}'’-]* )(?<!\b(?:only|first|last|top|about|maybe|like|over|under|after|before|at|in|of|the|all|those|these|than|and|or|just|it|i|we|you|they) )(?:[2-9]|1\d)(?= (?:was|is|were|are|made|has|had|felt|feels|looks|looked|did|does|exceeded|ruined|deserves|deserved|slaps|slapped|ate|delivered|blew|broke|kept|lived|got|gets|hit|hits|surpassed|absolutely|really|honestly|totally|somehow|actually)\b)`), ''],
  // Chat's unmarked sarcasm that announces itself ("oh great, another superhero movie where the sky turns into a blue
  // beam" 5.5), a film one would tell everyone about (5.3), every frame a wallpaper (4.2), and a genre that at last
  // delivers ("finally a horror movie that's actually scary" 5.0).
  [slang(String.raw`^\s*oh (?:great|good|wonderful|joy|boy|yay),? (?:another|yet another|more)\b`), 'not again, another tired'],
  [slang(String.raw`\bthe kind of (?:film|movie) you (?:want|need) to (?:tell everyone about|recommend to everyone|watch again|see again)\b`), 'a film everyone should see'],
  [slang(String.raw`\bevery (?:single )?(?:frame|shot) (?:could|would|should) (?:be|make) (?:a |an )?(?:wallpaper|painting|poster|postcard)s?\b|\bevery (?:single )?(?:frame|shot) could hang in (?:a|the) (?:museum|gallery|louvre)\b`), 'every frame is beautiful'],
  [slang(String.raw`^\s*finally,? (?:a|an) (?:[\w-]+ ){1,2}(?:that|which)(?:'s| is| was) actually (?:scary|funny|good|great|smart|clever|original|fun|exciting|romantic|thrilling|moving)\b`), 'at last a genuinely great film'],
  // A slam dunk is a sure success ("a slam dunk" 4.3), unless far from one.
  [slang(String.raw`(?<!\b(?:far from|not exactly|not|no|hardly|never|isn't|wasn't) (?:a |an )?(?:\w+ )?)\bslam[- ]?dunk\b`), 'triumph'],
  // Managing to disappoint is disappointing ("it still managed to disappoint" 5.7); "never manages to disappoint" is
  // praise, read as written.
  [slang(String.raw`${NOT_NEGATED}\b(?:still |somehow |even |only )?manage[sd]? to disappoint\b`), 'was a disappointment'],
  // Asking who let the film be made is a pan ("how did this even get greenlit" 4.5), a question to no one; not
  // "whoever greenlit this deserves a raise", nor "how did this not win".
  [slang(String.raw`^\s*(?:(?:seriously|honestly|genuinely|like),? )?(?:who (?:greenlit|green[- ]lit|approved|signed off on|paid for) (?:this|that|it)(?: (?:movie|film|one|mess|garbage|script))?|how did (?:this|that|it) (?:even )?get (?:made|greenlit|green[- ]lit|approved))\b(?=[\s.!?]*$)`), 'it was awful'],
];
