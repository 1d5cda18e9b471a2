import {
  CLAUSE_END, REST_OF_CLAUSE, NOT_ASKED, NOT_NEGATED, ENDS_LINE, FILM_PART, slang
} from './chat-patterns.js';

/** What lingers in the mind ("can't stop thinking about that ending"). */
const THE_FILM_OR_ITS_END = '(?:the (?:ending|film|movie|twist|finale)|this (?:movie|film|one)|that (?:ending|scene|twist|movie|film)|it|this|that)';
/** The people in the room ("the whole theater", "everyone in the cinema"), whose reaction chat reports. */
const AUDIENCE = '(?:the (?:whole |entire )?|every(?:one|body) in the )(?:theater|theatre|cinema|audience|crowd|room)';
/** Viewers beside the reviewer ("my wife", "everyone", "the critics"). */
const OTHER_VIEWERS = String.raw`(?:my \w+|everyone|everybody|people|(?:the )?critics|the (?:kids|family|whole family))`;
/** What a night at the cinema has besides the film: its best part being one of these is a pan. */
const OUTSIDE_THE_FILM = String.raw`(?:the )?(?:(?:trailers?|previews|ads)(?: before it)?|popcorn|snacks?|nachos|candy|(?:end(?:ing)? )?credits(?! scene)|air ?con(?:ditioning)?|seats|(?:my |the )?nap(?: i took)?|(?:leaving|walking out of|getting out of) the (?:theater|theatre|cinema)|when it (?:ended|was over|finished))`;
/** Another film, made to look good or bad beside this one ("makes Cats look like a masterpiece"); not the viewer or the cast. */
const MAKES_ANOTHER_LOOK = String.raw`(?:\b(?:this|it)(?: movie| film| one)? )?\b(?:makes|made) (?!(?:you|me|us|him|her|them|everyone|the (?:cast|actors?|leads?))\b)(?:[\w'-]+ ){1,6}?look (?:like )?(?:a |an |the )?`;
/** "The best part", "the only good thing (about it)". */
const BEST_PART = String.raw`(?:the )?(?:best|only good) (?:part|thing)(?: (?:about|of) (?:it|this(?: movie| film)?|the (?:movie|film)))?`;
/**
 * One-liner readings of how a film landed (ONE_LINER_SLANG reads the verdicts): reactions, what viewers did and felt,
 * and idioms, which in a long review are as often about a scene or someone else ("the audience clapped when the hero
 * died", "my wife loved it").
 */
export const ONE_LINER_REACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  // Reactions the model read as pans: "left me speechless" 3.9, "i was blown away" 4.9, "so good it hurts" 4.9,
  // "everyone in the theater clapped" 5.0. Not "speechless at how bad it was", nor a crowd glad "because it was over".
  [slang(String.raw`${NOT_NEGATED}(?:\b(?:left|leaves) me |\b(?:i'm|i am|i was) )?(?:(?:completely|absolutely|totally|honestly|just|literally) )?\b(?:speechless|blown away)\b(?! (?:at|by) how\b)(?!${REST_OF_CLAUSE}\bin a bad way\b)`), 'it was amazing'],
  [slang(String.raw`\b(?:so|too) good it hurts\b`), 'incredibly good'],
  [slang(String.raw`\b${AUDIENCE} (?:clapped|applauded|cheered)\b(?!${REST_OF_CLAUSE}\b(?:because|when it was|when it finally)\b)`), 'everyone loved it'],
  [slang(String.raw`${NOT_NEGATED}\b(?:i|we) (?:need|want) (?:a|the) sequel\b`), 'i loved it and want more'],
  // A laughing audience is a comedy that works ("the whole theater was laughing" 3.9), unless it laughed at the film
  // ("laughing at how bad it was", "because it was so bad"), which chat says too ("laughing at it, not with it" 5.5).
  [slang(String.raw`${NOT_NEGATED}(?:\b${AUDIENCE}|\bevery(?:one|body)|\bwe|\bi) (?:was|were) (?:laughing|cracking up|in stitches)\b(?!${REST_OF_CLAUSE}\b(?:at|because)\b)`), 'it was hilarious'],
  [slang(String.raw`${NOT_NEGATED}\blaughed (?:from start to finish|the (?:whole|entire) (?:time|movie|film))\b(?!${REST_OF_CLAUSE}\b(?:at|because)\b)`), 'found it hilarious'],
  // Laughs counted: a few are a comedy that failed ("i laughed once, maybe" 6.3, "i chuckled twice" 6.1), many one that
  // worked ("i laughed out loud like ten times" 5.5). Not "i don't think i laughed out loud once".
  [slang(String.raw`${NOT_NEGATED}\b(?:(?:i|we) )?(?:laughed|chuckled|giggled|smiled|lol'?d)(?: out loud)? (?:(?:maybe |only |just )?(?:once|twice|(?:one|two|three|a couple of|[1-4]) times?))\b(?:,? maybe\b)?(?! (?:more|as)\b)`), 'it was not funny at all'],
  [slang(String.raw`${NOT_NEGATED}\b(?:(?:i|we) )?(?:laughed|lol'?d)(?: out loud)? (?:like |about |at least |over )?(?:[5-9]|\d{2,}|five|six|seven|eight|nine|ten|a dozen|a hundred|a million|so many|countless) times\b`), 'it was hilarious'],
  [slang(String.raw`\blaugh(ing|ed)? at (?:(?:it|this),? not with it|the (?:serious|sad|emotional|dramatic|scary) (?:scenes?|parts?|moments?))\b`), 'mock$1 how bad it was'],
  // Laughter as chat says it: "i'm dead 💀" 4.5, "i'm wheezing" 4.7, "this had me on the floor" 4.7, "i was dying the
  // whole time" 5.2, "the jokes 💀💀" 4.7, a line of skulls alone (no words to rate). Not "dying of boredom", nor a skull
  // beside a pan ("the cgi 💀💀 so bad").
  [slang(String.raw`^\s*(?:i'm|im|i am|i was) (?:literally |actually )?(?:dead|dying|deceased|wheezing)(?: laughing)?(?:\s*💀+)?(?:(?= the whole time\b)|${CLAUSE_END})`), 'it was hilarious'],
  [slang(String.raw`\bhad (?:me|us) (?:on the floor|rolling|wheezing|dying)\b`), 'was hilarious'],
  [slang(String.raw`(?<=\b(?:jokes?|gags?|bits?|one-liners|banter|dialogue)\s*)💀+`), ' hilarious'],
  [slang(String.raw`^\s*💀+\s*$`), 'hilarious'],
  // A film one "can't stop thinking about" lingers ("can't stop thinking about that ending" 5.7, "i keep thinking about
  // this movie" 5.0, "burned into my brain" 5.2), not one that cost
  // money or was bad; an "omg" that ends the line only stresses it ("this was so good omg" 5.2).
  [slang(String.raw`\b(?:(?:can't|cannot|can not|couldn't|could not) stop|(?:i )?keep|(?:gonna|going to|will|i'll|ill) be) thinking about ${THE_FILM_OR_ITS_END}\b`), 'it is unforgettable'],
  [slang(String.raw`\b(?:burned|burnt|etched|seared) (?:into|in|on) my (?:brain|memory|mind)\b`), 'unforgettable'],
  // "Still thinking about it" only as the whole verdict: "still thinking about it, and i still think it was a mess".
  [slang(String.raw`\b(?:(?:i'm|im|i am) )?still thinking about ${THE_FILM_OR_ITS_END}\b(?=(?: (?:\w+ )?(?:days?|weeks?) later)?${ENDS_LINE})`), 'it is unforgettable'],
  [slang(String.raw`\s*\bomg\b(?=[\s.!?]*$)`), ''],
  // What stays after the film: "gonna watch it again this weekend" 5.0, "forgot about it the next day" 5.5, "i forgot i
  // was watching a movie" 3.4, "bring a pillow" 6.6; "i'll never watch it again" and "better than expected but i forgot it
  // already" read as written.
  [slang(String.raw`${NOT_NEGATED}\b(?:gonna|going to|will|want to|wanna|(?:can't|cannot) wait to) (?:watch|see) (?:it|this(?: one)?) again\b`), 'will definitely watch it again'],
  [slang(String.raw`\b(?:i |we )?forgot (?:i was|we were) (?:watching a (?:movie|film)|in a (?:theater|theatre|cinema))\b`), 'it was absolutely engrossing'],
  [slang(String.raw`^\s*(?:i )?(?:already )?forgot (?:about )?(?:it|this(?: one)?|the (?:movie|film)|what it was about)\b(?:${CLAUSE_END}|(?= (?:the next day|by|as soon|already|immediately|right after)\b))`), 'found it forgettable'],
  [slang(String.raw`\bbring (?:a|your) pillow\b`), 'a boring film'],
  // Viewers held by it: "stayed up till 3am to finish it" 5.1, "didn't blink for two hours" 3.7, "nobody in the theater
  // moved until the credits were over" 3.2, "i didn't want to miss anything" 4.1 (the negation scope read pans).
  [slang(String.raw`\bstayed up (?:(?:till|until|past) \S+ )?(?:to )?(?:finish|watch) it\b`), 'it was absolutely gripping'],
  // In a long review "i didn't even blink" is being unmoved (SLANG_WORDS reads "didn't blink once" at any length).
  [slang(String.raw`\b(?:didn't|did not|couldn't|could not) (?:even )?blink\b`), 'it was absolutely gripping'],
  [slang(String.raw`\b(?:nobody|no one) (?:in the (?:theater|theatre|cinema|room|audience) )?(?:moved|left|got up)(?: (?:until|till|before) the (?:end )?credits(?: (?:were|was) over| ended| rolled)?)?(?=\s*(?:[.!,;]|$))`), 'everyone was gripped'],
  [slang(String.raw`\b(?:didn't|did not) want to miss (?:anything|a (?:thing|second|minute|moment|scene))\b`), 'was gripped throughout'],
  // Seeing it again, or once being plenty: "watched it twice in one weekend" 5.0, "saw it once and that was plenty" 7.4,
  // "once is not enough" 3.3, "sobbing in the theater" 4.4. Not "watched it twice to be sure, still terrible".
  [slang(String.raw`\b(?:(?:i|we)(?:'ve| have)? (?:already )?)?(?:watched|rewatched|seen|saw) it (?:twice|(?:\d+|two|three|four|five|six|ten|so many) times)\b(?!${REST_OF_CLAUSE}\b(?:to|but|still|worse|hated|hoping)\b)`), 'loved it so much i watched it again'],
  // "already planning a rewatch" 4.8, "on my third rewatch this week" 5.4; not "on my second watch it fell apart".
  [slang(String.raw`${NOT_NEGATED}\b(?:already )?(?:planning|planning on|plan on|need|want) (?:a|my|another) (?:rewatch|second (?:watch|viewing))\b`), 'will definitely watch it again'],
  [slang(String.raw`\bon my (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:rewatch|watch|viewing)(?: (?:this|in (?:a|one)) (?:week|month|year|weekend|day))?${CLAUSE_END}`), 'loved it so much i watched it again'],
  [slang(String.raw`\b(?:(?:i )?(?:watched|saw|seen) it )?once,? (?:and )?that was (?:enough|plenty)\b`), 'not worth watching again'],
  [slang(String.raw`\bonce (?:is not|isn't|was not|wasn't) enough\b`), 'worth watching again and again'],
  // Crying, in chat, is being moved ("ugly cried in the theater" 3.7, "i'm crying 😭" 4.6, "the ending 😭😭😭" 4.7: the
  // emoji reads "sad" in a long review), unless it was at the film or for the ticket ("i cried because i paid for
  // this" 5.9, "crying at how bad this was").
  [slang(String.raw`\b(?:i )?(?:cried|crying|sobbed|sobbing|wept)(?= because (?:i|we) (?:paid|spent|wasted)\b)`), 'i was angry'],
  [slang(String.raw`\b(?:i was |i'm |i am )?(?:sobbing|sobbed|ugly[- ]?cri(?:ed|ing))\b(?!${REST_OF_CLAUSE}\bbecause\b)|^\s*(?:i'm|im|i am) (?:literally |still )?crying\b(?!${REST_OF_CLAUSE}\b(?:because|at)\b)`), 'moved to tears'],
  [slang(String.raw`😭+`), ' moved to tears '],
  // Tears one did not see coming, and a room in tears ("didn't think i'd cry at an animated movie but here we are" 4.6,
  // "the ending had the whole theater in tears" 5.4); not tears of laughter at the film.
  [slang(String.raw`\b(?:didn't|did not|never) (?:think|thought|expect(?:ed)?) (?:i'd|i would|i'd ever|i would ever|to) (?:cry|tear up|get emotional)\b`), 'was surprised how deeply it moved me'],
  [slang(String.raw`\b(?:had|left) ${AUDIENCE} in tears\b(?!${REST_OF_CLAUSE}\b(?:laugh\w*|at how|because)\b)`), 'moved everyone deeply'],
  [slang(String.raw`\b${AUDIENCE} (?:was|were) in tears\b(?!${REST_OF_CLAUSE}\b(?:laugh\w*|at how|because)\b)`), 'everyone was deeply moved'],
  // Chat's own idioms: "ngl i teared up" 5.7, "not me crying at a kids movie" 3.4, "this movie understood the
  // assignment" 5.3, "he ate that role up" 4.0, "she was robbed of an oscar" 5.0; "not me falling asleep", "the
  // director ate up the budget" and "robbed of any meaning" read as written.
  [slang(String.raw`\b(?:teared|tearing) up\b`), 'was moved to tears'],
  [slang(String.raw`^\s*not me (?:crying|sobbing|bawling)\b`), 'i cried'],
  [slang(String.raw`${NOT_NEGATED}\bunderstood the assignment\b`), 'got everything right'],
  [slang(String.raw`\bate (?:(?:that|the|this|her|his|their) (?:role|part|scene)|every scene) up\b|\bate up (?:(?:that|the|this|her|his|their) (?:role|part)|every scene)\b`), 'was superb'],
  [slang(String.raw`\b(?:was |got )?robbed (?:of (?:an|the) oscars?|at the oscars)\b`), 'deserved an oscar'],
  [slang(String.raw`\bin one ear (?:and )?out the other\b`), 'completely forgettable'],
  // Faith in films, the trailer, the book: "made me believe in movies again" 5.4, "made me lose faith in movies" 6.3,
  // "the trailer showed all the good parts" 6.4, "the trailer doesn't do it justice" 4.0, "i loved the book, hated the
  // movie" 6.2.
  [slang(String.raw`\bmade me believe in (?:movies|cinema|films?) again\b`), 'restored my faith in cinema'],
  [slang(String.raw`\b(?:(?:it|this) )?(?:made me lose|(?:i )?(?:have )?lost) (?:all )?faith in (?:movies|cinema|films?|hollywood|(?:this|the) (?:franchise|series)|humanity)\b`), 'this ruined movies for me'],
  [slang(String.raw`\bthe trailer (?:showed|had|gave away|spoiled|ruined) (?:(?:all|every one of) the (?:good|best|funny) (?:parts|bits|scenes|jokes|moments)|every (?:good|funny) (?:part|bit|scene|joke|moment))\b|\ball the (?:good|best|funny) (?:parts|bits|scenes|jokes|moments) (?:are|were) in the trailer\b`), 'nothing good beyond the trailer'],
  [slang(String.raw`\bthe trailer (?:doesn't|does not|didn't|did not) do it justice\b`), 'it is excellent'],
  // A best part outside the film: "the trailer was the best part" 7.7, "the popcorn was the best part" 7.3, "best part
  // was the end credits" 7.0. "The ending was the best part" and "the post-credits scene was the best part" read as written.
  [slang(String.raw`\b${BEST_PART} (?:was|is|were) ${OUTSIDE_THE_FILM}\b|\b${OUTSIDE_THE_FILM} (?:was|were|is) ${BEST_PART}\b`), 'the film itself was bad'],
  // The rest of the night outdid the film: "i laughed more at the trailers before it" 6.0, "the popcorn was more
  // exciting than the movie" 6.0, "the credits were more entertaining" 5.7.
  [slang(String.raw`\b(?:laughed|jumped|cried|screamed) (?:more|harder) (?:at|during) ${OUTSIDE_THE_FILM}\b|\b${OUTSIDE_THE_FILM} (?:was|were|is|are) (?:(?:way|much|far|a lot) )?(?:more (?:fun|entertaining|exciting|interesting|engaging|gripping|moving)|funnier|scarier|better)\b(?: than (?:it|the (?:movie|film)|this(?: one| movie| film)?))?`), 'the film itself was bad'],
  // A film held up as the way to make its kind: "that's how you do a sequel" 5.8, "this is how you do a remake" 4.9.
  // Not "that's not how you make a sequel", nor how to ruin or waste something.
  [slang(String.raw`\b(?:(?:now )?(?:that's|thats|that is)|this is) how (?:you|u|to) (do|make|end|open|start|close|adapt|write|shoot|direct|remake|reboot|finish)\b`), 'a masterclass in how to $1'],
  // One part judged, then the rest, which is the verdict: "the villain was weak but the rest was great" 3.6, "bad first
  // ten minutes, rest was perfect" 3.5; and "shame about" a part: "beautiful visuals, shame about the script" 6.4.
  [slang(String.raw`^.*?(?:\bbut\s+|[,;]\s*)(?:(?:the )?rest(?: of (?:it|the (?:movie|film)))?|everything else) (?:was|is)\b(?! history\b)`), 'overall it was'],
  [slang(String.raw`[,;]?\s*\b(?:(?:a|such a|what a) )?(?:shame|pity) about (the (?:\w+ )?\w+|everything else)\b${CLAUSE_END}`), ' but $1 was bad'],
  // Another film made to look good is a pan, made to look bad praise: "makes Cats look like a masterpiece" 8.2, "makes
  // every other superhero movie look lazy" 3.3.
  [slang(String.raw`${MAKES_ANOTHER_LOOK}(?:masterpiece|good|great|subtle|deep|smart|genius|brilliant|classic|citizen kane|oscar (?:winner|worthy))\b`), 'it is truly awful'],
  [slang(String.raw`${MAKES_ANOTHER_LOOK}(?:garbage|trash|amateurs?|amateurish|lazy|tame|small|cheap|dull|weak|boring|bad|rough drafts?|child's play|joke)\b`), 'it is outstanding'],
  // Faint praise: "at least the soundtrack was nice" 6.1, "it exists" 6.4, "A for effort i guess" 9.0 (a grade), "the
  // poster looked cool though" 5.8.
  [slang(String.raw`^\s*(?:well,? )?at least the ((?:\w+ )?\w+) (?:was|were|is|are|looked) (?:(?:pretty|really|kinda) )?(?:nice|good|great|decent|okay|ok|fine|pretty|cool|solid)\b.*$`), 'the film was poor apart from the $1'],
  [slang(String.raw`^\s*(?:well,? )?it exists[.!]*$`), 'it is forgettable'],
  [slang(String.raw`\b(?:an? )?a\+? for effort\b`), 'a failed attempt'],
  [slang(String.raw`^\s*(?:at least |but )?the (?:poster|trailer|popcorn|snacks)\b[^.!?]*\b(?:though|tho)\b[.!]*$`), 'the film itself was bad'],
  [slang(String.raw`\b(?:i )?loved the (?:book|novel|original|first one|comics?),? (?:but )?hated (?:the (?:movie|film)|this(?: one)?)\b`), 'hated this'],
  [slang(String.raw`\b(?:never|didn't|did not) (?:once )?(?:lose|lost) interest\b`), 'was gripped throughout'],
  // Praise said with a negation, which the negation scope read as a pan: "you can't go wrong with this one" 3.9,
  // "i wouldn't change a thing" 3.9 ("doesn't waste a single minute" is in SLANG_WORDS, read at any length).
  // Waiting for it to end is boredom (SLANG_WORDS); "i didn't waste a minute walking out" is the reviewer's time.
  [slang(String.raw`\b(?:(?:you|u|one) )?(?:can't|cannot|can not) go wrong with\b${NOT_ASKED}`), 'highly recommend'],
  [slang(String.raw`\b(?:can't|cannot|can not) wait (?:for|to see) (?:the sequel|a sequel|part (?:two|2|ii)|the next (?:one|part|film|movie|chapter|installment)|more)\b`), 'loved it and want more'],
  [slang(String.raw`\b(?:i )?(?:wouldn't|would not|won't|will not) change (?:a|one|a single) thing\b${NOT_ASKED}`), 'it was perfect'],
  // Disbelief at how good or bad it was, which the negation scope read as a pan either way: "can't believe how good
  // this was" 2.9, "can't get over how dumb the ending was" 6.7. The word after "how" is the verdict.
  [slang(String.raw`^.*?\b(?:(?:can't|cannot|can not|couldn't|could not) (?:even )?(?:believe|get over|get past|begin to describe|describe)|still not over) how (?!(?:much|many|little|far)\b)(\w+)\b.*$`), 'it was so $1'],
  [slang(String.raw`\b(?:can't|cannot|can not) believe (?:i|we) waited (?:this|so) long\b`), 'i loved it and wish i had seen it sooner'],
  // Enjoying a bad or dumb film, which the model read from its bad words: "so bad it's good" 2.7, "a total guilty
  // pleasure" 5.3, "stupid but so much fun" 5.0, "turn your brain off and enjoy" 4.9. Not "not even so bad it's good",
  // "too boring to be so bad it's good", "fun if you turn your brain off".
  [slang(String.raw`${NOT_NEGATED}(?<!\bto be )\bso (?:bad|terrible|awful|dumb|stupid|cheesy) (?:that )?(?:it(?:'s|s| is| was)|it's|they're) (?:actually |kinda |kind of )?(?:good|great|amazing|fun)\b`), 'good fun'],
  [slang(String.raw`\bguilty pleasures?\b`), 'fun treat'],
  [slang(String.raw`\b(?:dumb|stupid|silly|cheesy|ridiculous|brainless|mindless|goofy|trashy)(?: as hell)?,? but (?:(?:so|so much|really|very|a lot of|super|such) )?fun\b`), 'silly but great fun'],
  [slang(String.raw`\b(?:just )?(?:turn|switch|shut) (?:off )?(?:your|ur) brains?(?: off)? and (?:just )?(?:enjoy|have fun)\b`), 'sit back and enjoy'],
  // "It was a blast" 5.8, "we had a blast" 5.0; "the explosion was a blast but the story was dull" reads as written.
  [slang(String.raw`(?<=\b(?:was|is|'s|had) )a blast\b${CLAUSE_END}`), 'great fun'],
  // Horror's praise is fear, which the model learnt from pans and plots: "didn't sleep for a week after this" 4.2, "the
  // villain was terrifying" 4.4. Screaming "at" the screen and "more funny than scary" are pans.
  [slang(String.raw`\bmore (?:funny|silly|laughable|goofy) than scary\b|\b(?:(?:i|we) )?laughed more than (?:(?:i|we) )?screamed\b`), 'not scary at all'],
  [slang(String.raw`\bscared the (?:hell|heck|crap|shit|life|living daylights|bejesus) out of me\b|\bthe jump ?scares got me\b`), 'it was genuinely terrifying'],
  [slang(String.raw`\b(?:didn't|did not|couldn't|could not|can't) sleep (?:for (?:a week|days|weeks|a month)|that night|all night)\b|\b(?:(?:had|have) to )?(?:sleep|slept|sleeping) with the lights on\b`), 'it was genuinely terrifying'],
  [slang(String.raw`\bi screamed(?: (?:so many times|the whole time|out loud|so loud|so much))?\b(?! at\b)|\b(?:(?:i|we) (?:was |were |am |'m )?)?(?:hiding|hid) behind (?:my|our) (?:hands|pillows?|blankets?)\b|\bwatched (?:it )?through my fingers\b`), 'it was genuinely terrifying'],
  [slang(String.raw`(?<=\b(?:villain|monster|killer|ghost|demon|creature|entity) (?:is|was) )(?:terrifying|creepy|scary|frightening)\b${CLAUSE_END}`), 'genuinely terrifying'],
  // Someone else's opinion beside the reviewer's: the model read the others' "loved" ("my wife loved it, i didn't" 7.7,
  // "i hated it, my friends loved it" 8.0). "My kids loved it and so did i" reads as written.
  [slang(String.raw`\b${OTHER_VIEWERS} (?:loved|liked|enjoyed|adored) it(?:,? (?:but )?(?:i|me) (?:didn't|did not)(?: (?:get|like|love|enjoy) it)?\b| except (?:for )?me\b)`), 'i was disappointed'],
  // Someone else's delight, then the reviewer's own shrug, which is the verdict: "the kids loved it, it was fine for me"
  // 8.5, "my wife loved it, it was alright for me" 7.9.
  [slang(String.raw`\b${OTHER_VIEWERS} (?:loved|liked|enjoyed|adored) it,? (?:but |and )?(?:it was|it's|i thought it was|for me it was) (?:just |only |pretty )?(?:fine|ok|okay|alright|all right|decent|average|meh|mid)\b(?: for me\b)?`), 'it was watchable but flawed'],
  [slang(String.raw`(?<=\bi (?:hated|disliked|didn't like|did not like|couldn't stand) it)(?:,| but| and|, but)? ${OTHER_VIEWERS} (?:loved|liked|enjoyed|adored) it\b`), ''],
  // Idioms the model read word by word: "Hereditary messed me up" 4.3, "pixar has lost its touch" 6.1, "a new low for
  // the franchise" 5.1, "dead on arrival" 5.2, "it's giving straight to dvd" 5.8; "the editing messed up the whole movie"
  // reads as written.
  [slang(String.raw`\b(?:messed|screwed) me up\b|\bhits? (?:so |really |very )?close to home\b`), 'moved me deeply'],
  [slang(String.raw`\b(?:has |have )?lost (?:its|his|her|their) (?:touch|magic|edge)\b`), 'has declined badly'],
  [slang(String.raw`\ba new low\b`), 'the worst yet'],
  [slang(String.raw`\bdead on arrival\b`), 'a total failure'],
  [slang(String.raw`\b(?:fell|falls|fall) short of (?:my |our |all )?expectations\b`), 'was disappointing'],
  [slang(String.raw`${NOT_NEGATED}\bstyle and substance\b`), 'stylish and substantial'],
  [slang(String.raw`\bi (?:want|wanna) (?:to )?live in (?:this|that|the) (?:movie|film|world)\b`), 'i adore this movie'],
  [slang(String.raw`\b(?:it'?s|this is) giving (?:oscars?|best picture)\b`), 'it is oscar worthy'],
  [slang(String.raw`\b(?:it'?s|this is) giving straight to (?:dvd|video|streaming|tv)\b`), 'it is straight to dvd garbage'],
  // "The ending made up for it" 4.7, "i rolled my eyes the whole time" 7.1, "a total vibe" 5.6; "he rolled his eyes" and
  // "never made up for it" read as written.
  [slang(String.raw`${NOT_NEGATED}\b(?:more than )?(?:made|makes) up for it\b`), 'made it worth it'],
  [slang(String.raw`(?:\b(?:my )?eyes (?:(?:were|kept) )?rolling\b|\b(?:i )?rolled my eyes\b|\beye[- ]?rolls?\b)(?! at first\b)`), 'embarrassing'],
  [slang(String.raw`\ba (?:total|whole|real|complete|absolute) vibe\b${CLAUSE_END}`), 'a delight'],
  // Chat's reactions as the whole line, awe the model read as nothing or as distress: "wow. just wow." 5.5, "i'm
  // shaking" 3.2, "i need a minute after that" 5.0, "i'm not okay after that ending" 4.5, "i have no words" 4.7. "wow,
  // that was bad" and "i have no words for how bad that was" read as written; "omg the ending" says neither.
  [slang(String.raw`^\s*w+o+w+[.!,\s]*(?:just w+o+w+[.!\s]*)?$`), 'it was amazing'],
  [slang(String.raw`^\s*(?:i'm|i am|im|still) (?:literally |still )?(?:shaking|trembling)${ENDS_LINE}|^\s*i (?:need|needed) a (?:minute|moment)(?: after (?:that|this))?${ENDS_LINE}|^\s*i (?:literally )?(?:have|had) no words${ENDS_LINE}`), 'it was stunning'],
  [slang(String.raw`\b(?:i'm|i am|im) (?:still )?not (?:okay|ok|alright|over it) after (?:that|this|the) (?:ending|movie|film|finale|twist)\b|\b(?:still )?recovering from (?:that|this|the) (?:ending|movie|film|finale|twist)\b`), 'it moved me deeply'],
  // "Worth the wait" 5.6, "my jaw was on the floor" 5.4, "i'm obsessed" 5.5, "the longest two hours of my life" 5.8.
  [slang(String.raw`${NOT_NEGATED}\b(?:(?:so|totally|well|definitely|absolutely) )?worth the wait\b${NOT_ASKED}`), 'well worth it'],
  [slang(String.raw`\b(?:my )?jaw (?:(?:was|is) )?(?:on the floor|dropped|hit the floor)\b(?! at how\b)`), 'stunning'],
  [slang(String.raw`\b(?:the )?longest (?:\w+ )?(?:hours?|minutes) of my (?:life|year|week|month|weekend)\b`), 'a waste of time'],
  [slang(String.raw`(?:\b(?:i'm|im|i am) (?:(?:so|lowkey|literally) )?|^\s*)obsessed\b${CLAUSE_END}`), 'i love it'],
  // Advice to the channel as the verdict: "run, don't walk" 3.6-4.6 (the negation scope read "not_walk"), "do yourself a
  // favor and watch it" 4.5, "go in blind" 4.4, and "if you liked the first one, stay away from this" 5.6.
  [slang(String.raw`\brun,? (?:don't|do not) walk\b|\bdo yourself a favou?r and (?:watch|see|catch|stream) (?:it|this(?: one)?)\b|^\s*(?:just )?go (?:in|into it) (?:completely |totally )?blind\b`), 'highly recommend it'],
  [slang(String.raw`\bstay away from (?:it|this(?: one| movie| film)?)\b`), 'avoid it'],
  // "Two thumbs up" 5.8, "thumbs down" 5.1; in a long review the thumbs are as often a critic's. A "marginal thumbs
  // up" is not a high recommendation.
  [slang(String.raw`(?<!\b(?:marginal|mild|reluctant|half|slight|qualified|tentative|weak) )\b(?:(?:two|2|both|big) )?thumbs up\b`), 'highly recommended'],
  [slang(String.raw`\b(?:(?:two|2|both|big) )?thumbs down\b`), 'not recommended'],
  // "The chemistry is off the charts" 4.7, "no complaints" 4.5: the model read both as pans. Not "off the charts bad".
  [slang(String.raw`\boff the charts\b(?! (?:bad|awful|terrible|stupid|dumb|boring)\b)`), 'outstanding'],
  [slang(String.raw`(?:^\s*|(?<=[.!?,;]\s*))(?:(?:honestly|tbh|ngl),? )?(?:i(?:'ve| have|ve| had)?(?: got)? )?(?:zero|no) (?:complaints|regrets)\b(?:${CLAUSE_END}|(?= (?:watching|here|from me)\b))`), 'thoroughly satisfied'],
  // Fun had elsewhere: a dull errand beats the film ("i've had more fun at the dentist" 5.9, "a root canal would have
  // been more fun"), unless the film beats the rest ("had more fun at this than at any movie this year" 5.2).
  [slang(String.raw`\b(?:(?:i(?:'ve| have|ve)?|i'd|we(?:'ve| have)?) )?had more fun (?:at (?:the |a |my )?(?:dentist|doctor|dmv|funeral|office|work|airport)|doing (?:my )?(?:taxes|homework|laundry|dishes)|filing (?:my )?taxes|watching (?:paint dry|grass grow)|in (?:traffic|a waiting room))\b|\b(?:a root canal|the dentist|(?:doing )?my taxes|watching paint dry)(?: would(?:'ve| have) been| was| is) more fun\b`), 'it was no fun at all'],
  [slang(String.raw`\bhad (?:so much )?more fun (?:at|with|watching) (?:this|it)(?: one| movie| film)? than\b`), 'enjoyed this more than'],
  // A film called a crime against cinema or humanity is a pan ("this movie is a crime against humanity" 6.8); not a
  // documentary about crimes against humanity.
  [slang(String.raw`\b(?:an? )?crime against (?:cinema|film|filmmaking|movies)\b|(?<=${FILM_PART}(?:'s| is| was) )(?:(?:an?|honestly|basically|literal(?:ly)?|actual|absolute) ){0,3}crime against humanity\b`), 'an awful film'],
  // A soundtrack or a film played on repeat is loved ("this one's going on repeat" 4.8, "had the soundtrack on repeat
  // all week" 5.0); not the same jokes on repeat.
  [slang(String.raw`(?<=\b(?:soundtrack|score|songs?|music|album|it|one|movie|film)(?:'s| is)?(?: going| been)? )on repeat\b`), 'on repeat because it is wonderful'],
  // Who "knows exactly what she's doing" made the film well ("she knows exactly what she's doing with this material"
  // 4.8); not one who doesn't.
  [slang(String.raw`${NOT_NEGATED}\b(?:clearly |really )?knows? (?:exactly |precisely )?what (?:he|she|they)(?:'s|'re| is| are) doing\b`), 'is a master of the craft'],
  // Coming for one thing and staying for another is praise ("came for the action, stayed for the characters" 4.4); so
  // is the reverse of a wait: one that never paid off ("i kept waiting for it to get good" 6.4), and a film forgotten
  // before its credits end (5.6).
  [slang(String.raw`\bcame for [^.,;!?]{1,30}?,? (?:(?:but|and) )?stayed for\b`), 'loved it all, especially'],
  [slang(String.raw`\b(?:i )?(?:kept|keep) waiting for (?:it|this|the (?:movie|film|story|plot)) to (?:get (?:good|going|better|interesting)|pick up|start)\b|\b(?:i )?waited (?:\w+ ){0,3}for it to (?:get (?:good|going|better|interesting)|pick up)\b`), 'it was dull throughout'],
  [slang(String.raw`\b(?:you |i )?(?:forget|forgot|forgotten)(?: (?:about )?(?:it|this|all about it))? (?:before|while|as soon as|by the time) the (?:end )?credits(?: (?:are|were) (?:still )?rolling| (?:finish(?:ed)?|roll(?:ed)?|end(?:ed)?)(?: rolling)?)?`), 'that is instantly forgettable'],
  // Being caught by a film one expected nothing of ("didn't expect to be this invested in a movie about chess" 3.9),
  // knowing early it was special ("10 minutes in i knew i was watching something special" 4.7), an audience on its
  // phones ("everyone in my row was on their phone" 6.5), and relief that it ended ("finally over, thank god" 6.0).
  [slang(String.raw`\b(?:didn't|did not|never) (?:expect(?:ed)?|think|thought) (?:to be|i'd be|i would be) (?:this|so|that) (?:(?:invested|hooked|moved|engaged|gripped|absorbed|attached)(?: (?:in|by))?|into)\b`), 'was surprised how much i loved'],
  [slang(String.raw`(?:^\s*(?:\d+|five|ten|fifteen|twenty|thirty) minutes in,? |\b)(?:i )?knew (?:(?:within|after) (?:minutes|seconds|the first \w+ minutes),? )?(?:i was watching|we were watching|(?:it|this) was(?: going to be)?) (?:something|a) special\b`), 'from the start i knew it was a masterpiece'],
  [slang(String.raw`\b(?:every(?:one|body)|half(?: of)?|most(?: of)?|people)(?: (?:in )?(?:my|the) (?:row|theater|theatre|cinema|audience|room))? (?:was|were) (?:on|checking|scrolling) (?:their|his|her|my) phones?\b(?!${REST_OF_CLAUSE}\b(?:before|until|during the (?:ads|trailers))\b)`), 'the audience was bored stiff'],
  [slang(String.raw`^\s*(?:(?:it's|it is|thank god it's|thank god) )?(?:finally|mercifully) over\b(?:,? thank (?:god|goodness))?`), 'it was an endless bore'],
  // Dying for a film is loving it ("i'd die for this movie" 4.0, "a movie to die for" 4.6), rather dying than seeing
  // it again is not (5.7), and a yearly rewatch is a tradition ("gonna rewatch this every christmas" 5.1, "new
  // christmas tradition unlocked", no clear opinion); not a film about a family tradition.
  [slang(String.raw`(?<!\brather )\b(?:i'd|i would|would) (?:literally |happily )?die for (?!(?:nothing|no one|nobody|anything)\b)(?=\w)`), 'i adore '],
  [slang(String.raw`\ba (?:movie|film) to die for\b${NOT_ASKED}`), 'a wonderful film'],
  [slang(String.raw`\b(?:i'd|i would|would) (?:rather|sooner) (?:die|eat glass|be tortured|get a root canal)(?: than (?:watch|see|sit through|rewatch)(?: it| this(?: one)?)?(?: again)?)?\b`), 'i hated it and will never watch it again'],
  [slang(String.raw`(?<!\babout (?:a |an |the |their |his |her )?)\b(?:(?:a|my|our|the) )?(?:new )?(?:christmas|holiday|family|yearly|annual) tradition(?: unlocked)?\b`), 'a film i will treasure every year'],
  [slang(String.raw`${NOT_NEGATED}\b(?:(?:gonna|going to|will|i'll|ill|i will)(?: be)? )?(?:re)?watch(?:ing)? (?:it|this(?: one)?) every (?:christmas|year|halloween|holiday season|summer|winter|thanksgiving)\b(?!${REST_OF_CLAUSE}\b(?:worse|bad|hate)\w*)`), 'will watch it again and again'],
  // Wanting more is praise ("left me wanting more" 4.9, "left me wanting a sequel" 4.7), not wanting a refund; a film
  // that never got going is a pan (6.2).
  [slang(String.raw`\b(?:left|leaves) (?:me|us|you) (?:wanting|craving|hungry for) (?:(?:so much |a lot |way )?more|a sequel|a part two)\b`), 'was so good i want more'],
  [slang(String.raw`\b(?:it )?never (?:really |quite |once )?(?:got|gets|get) going\b`), 'was dull from start to end'],
  // A nap more exciting than the film, paint drying with more excitement ("i've had naps more exciting than this" 5.8).
  [slang(String.raw`\b(?:my |i've had |i have had |had )?(?:naps?|dental appointments?|meetings|dmv visits?) (?:that were |was |were )?more (?:exciting|fun|entertaining|interesting|eventful) than (?:this|it|that)(?: (?:movie|film|one))?\b|\b(?:i've |i have )?(?:seen|watched) paint dry with more (?:excitement|suspense|energy|life)\b`), 'it was dull'],
  // How long it felt, said in chat's terms: longer than a trilogy (7.5), like hours; and better a second time (5.3),
  // which the model read as a comparison. Feeling short ("felt like 20 minutes", "time flew by") is in SLANG_WORDS.
  [slang(String.raw`\b(?:it |this(?: movie| film| one)? )?felt (?:so much |way )?longer than\b(?!${REST_OF_CLAUSE}\bin a good way\b)[^.!?,;]{3,40}`), 'it dragged on forever'],
  [slang(String.raw`\bfelt like (?:(?:at least |about )?(?:\d+|two|three|four|five|ten) hours|an eternity)\b`), 'dragged on forever'],
  [slang(String.raw`${NOT_NEGATED}\b(?:even |so much |way )?better (?:on|with) (?:a |the )?(?:second|2nd|re)[- ]?(?:watch|viewing|time)\b|\b(?:even |so much |way )?better the second time\b`), 'rewarding to watch again'],
  // "The best two hours i've spent this year" 5.5; "the best hour of the film" reads as written.
  [slang(String.raw`\b(?:the )?best (?:\w+ ){0,3}(?:hours?|minutes)(?= (?:of my (?:life|year|week)|i've|i have|i ever|i spent|spent|in (?:a|the) (?:cinema|theater|theatre))\b)`), 'a wonderful time'],
];
