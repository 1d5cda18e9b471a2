import {
  TRAILING_FILLERS, CLAUSE_END, VERDICT_VERB, OKAY, HEDGE, FILM, NOT_BAD_VERDICT, LOST_TIME, FILM_PART,
  HARD_INTENSIFIER, CARRIED_THING, NOT_ASKED, W_INTENSIFIER, slang
} from './chat-patterns.js';

/**
 * Review words outside the model's 20,000-word vocabulary, spelt as words inside it that mean the same: unknown, "Super
 * rewatchable" got 5.2 and "I was underwhelmed" 5.1.
 */
const UNLEARNT_WORDS: Readonly<Record<string, string>> = {
  'over-?hyped': 'overrated',
  rewatchable: 'worth watching again',
  underwhelmed: 'disappointed',
  'mind-?blowing': 'amazing',
  'jaw-?dropping': 'stunning',
  immersive: 'engrossing',
  'plot-?hole(s)?': 'plot hole$1',
  masterclass: 'masterpiece',
  goosebumps: 'chills',
  'feel-good': 'heartwarming',
};

/**
 * Chat slang the training reviews (IMDb's from 2011, the treebank's from 2013) never use in this sense, read as the
 * plain words it means: the model rated "This movie slaps" 3.2 and "what a banger" 5.4. Each pattern asks for the
 * slang's own context, so literal uses ("he slaps her", "the mid-90s", "at the peak of her career", "slept on the
 * couch") read as written.
 */
export const SLANG_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [slang(String.raw`(?<!\b(?:of all|the|some|two|few|and) )\bslaps\b(?:${CLAUSE_END}|(?<=${FILM_PART} slaps)(?= and\b))`), 'is excellent'],
  // Its past tense only after the film or a part of it: "he slapped her", "slapped together" read as written.
  [slang(String.raw`(?<=\b(?:it|this|that|movie|film|one|soundtrack|score|ending|music|finale|cast) )slapped\b(?:${CLAUSE_END}|(?= and\b))`), 'was excellent'],
  // "Goes hard" likewise: "the dad goes hard on his son", "goes hard into cliches" read as written.
  [slang(String.raw`(?<=${FILM_PART} )(?:goes|go) (?:${HARD_INTENSIFIER} )?hard(?:er)?\b(?:${CLAUSE_END}|(?= and\b))`), 'is excellent'],
  [slang(String.raw`(?<=${FILM_PART} )went (?:${HARD_INTENSIFIER} )?hard(?:er)?\b(?:${CLAUSE_END}|(?= and\b))`), 'was excellent'],
  [slang(String.raw`\babsolute cinema\b`), 'a masterpiece'],
  [slang(String.raw`\bpeak(?= (?:cinema|film|filmmaking|movie|tv|television|horror|comedy|fiction)\b)`), 'excellent'],
  [slang(String.raw`(?:^|${VERDICT_VERB})(?:peak|fire)\b(?:${CLAUSE_END}|(?= from (?:start|beginning) to (?:finish|end)\b))`), 'excellent'],
  [slang(String.raw`\bgoated\b`), 'excellent'],
  [slang(String.raw`\bbussin\b`), 'excellent'],
  // Chat's tier lists: "S tier" read 4.6, "god tier soundtrack" 4.6 ("top tier" and "trash tier" read as meant already).
  [slang(String.raw`(?<!['’])\b(?:s|god)[- ]tier\b`), 'excellent'],
  // Only the film as "lit": a cigarette "is lit", a set is "beautifully lit"; nor Kino the DVD label.
  [slang(String.raw`(?:^\s*|(?<=${FILM}(?: (?:is|was))? (?:(?:so|straight|absolutely|literally) )?|\b(?:it|that)'s (?:(?:so|straight|absolutely|literally) )?))lit\b${CLAUSE_END}`), 'excellent'],
  [slang(String.raw`(?:^|${VERDICT_VERB}|\b(?:absolute|pure|peak|true) )kino\b${CLAUSE_END}`), 'a masterpiece'],
  // "The GOAT" (the greatest of all time); the animal ("a goat in the movie", "the goat was adorable") reads as written.
  [slang(String.raw`\bgoat(?= (?:movie|film|status|tier|level|performance|soundtrack)\b)`), 'greatest'],
  [slang(String.raw`(?<=\b(?:is|was|'s) )the goat\b|^\s*(?:the )?goat\b${CLAUSE_END}`), 'the greatest'],
  [slang(String.raw`(?<!\b(?:gang|the) )\bbangers?\b(?! and mash| sisters)`), 'great film'],
  // Only as the whole verdict: "the pizza they ate." is a meal.
  [slang(String.raw`^\s*(?:it|this|that|she|he|they)(?: (?:absolutely|totally|really))? ate\b(?: and left no crumbs)?${CLAUSE_END}|^\s*ate(?:[.!,]*\s*|\s+and\s+)(?:left )?no crumbs\b`), 'it was excellent'],
  [slang(String.raw`\bcarried(?= ${CARRIED_THING})`), 'was superb in'],
  [slang(String.raw`\bchef'?s kiss\b`), 'perfect'],
  [slang(String.raw`\bslept on\b(?! (?:the|a|an|his|her|my|their|it|top)\b)`), 'underrated'],
  [slang(String.raw`\bhits different\b`), 'is special'],
  // The model learnt "healed" from plots ("the wound healed"): "this movie healed me" read 2.4.
  [slang(String.raw`\bhealed (?:me|my (?:inner child|soul|heart)|something in me)\b`), 'moved me deeply'],
  [slang(String.raw`\bvibes? (?:were|are|was|is) immaculate\b|\bimmaculate vibes?\b`), 'a perfect atmosphere'],
  [slang(String.raw`(?<=\b(?:is|was|'s|such) )a vibe\b${CLAUSE_END}`), 'a delight'],
  // Only about the film: "obsessed with this guy" is the plot.
  [slang(String.raw`\bobsessed with (?=(?:it|this (?:film|movie|one))\b)`), 'in love with '],
  // Only in someone's head: "he lives rent free with his parents" is the plot.
  [slang(String.raw`\b(?:(?:lives?|living) )?rent[- ]free in (?:my|your|our|everyone's) (?:head|mind|brain)\b`), 'is unforgettable'],
  // "No cap" vouches for what follows.
  [slang(String.raw`\bno cap\b(?!')`), ''],
  // In chat "honestly" only stresses the verdict; the model learnt it as a pan's opener ("it was honestly great" 5.3).
  [slang(String.raw`\bhonestly\b`), 'really'],
  // "Not bad at all" is praise; read word by word, "not ... at all" is how pans are said.
  [slang(String.raw`(?:\bnot|n't) (?:bad|boring|dull|terrible|awful|disappointing) at all\b`), ' really good'],
  // Only as the verdict: "if you don't hate this movie" and "I didn't hate it as much as" say something else.
  [slang(String.raw`(?:\bdid not|\bdidn't|\bdo not|\bdon't) hate (?:it|this one)\b${CLAUSE_END}`), 'found it decent'],
  [slang(String.raw`\bthe hype (?:is|was) real\b`), 'it is excellent'],
  // Praise that the hype was earned; the model learnt "hype" from pans ("the hype is deserved" read 3.8). Not when
  // negated ("doesn't live up to the hype") or asked ("was it worth the hype?").
  [slang(String.raw`(?<!(?:\bnot|\bnever|\bno|\bhardly|\bbarely|n't)(?: \w+){0,2} )\b(?:(?:lives|lived) up to (?:all )?the hype|worth (?:all |every bit of )?the hype|the hype (?:is|was) (?:deserved|justified|warranted))\b${NOT_ASKED}`), 'it is excellent'],
  // The model read "a total blast" 4.7 and "checked my phone the whole time" 5.7: neither is a phrase it learnt.
  [slang(String.raw`(?<=\ba )(?:total|absolute|real|complete) blast\b${CLAUSE_END}`), 'great fun time'],
  // Not a phone used for something ("checked my phone to look up the actor"). The model read "i kept checking my
  // watch" 7.1 and "i didn't check my phone once" 3.7.
  [slang(String.raw`(?<!\b(?:never|not) )\b(?:checked|kept checking|was checking) my (?:phone|watch)\b(?! (?:to|for)\b)`), 'was bored'],
  [slang(String.raw`(?:\b(?:didn't|did not|never)(?: once| even)? (?:check|checked|look at|looked at|glance at|glanced at|touch|touched|pick up|picked up)) my (?:phone|watch)(?: (?:once|even once|one time))?\b(?! (?:to|for)\b)`), 'was gripped throughout'],
  // Waiting for it to start is eagerness; for it to end, boredom ("couldn't wait for it to end" 6.3).
  [slang(String.raw`\b(?:couldn't|could not|can't|cannot) wait for (?:it|this(?: (?:movie|film|one))?|the (?:movie|film)) to (?:end|be over|finish)\b`), 'was bored'],
  [slang(String.raw`(?:^|(?<=[.!?,;:]\s*))(?:no|zero) notes\b${CLAUSE_END}`), 'perfect'],
  [slang(String.raw`\b(?:i want|i'd like|give me|gimme) (?:my|those|the) ${LOST_TIME} back\b`), 'a waste of time'],
  [slang(String.raw`\b${LOST_TIME}(?: that)? i(?:'ll|'m| will| am| won't| can't| cannot)?(?: never)? get(?:ting)? back\b`), 'a waste of time'],
  // "Zero" is how chat says "no", a word the model never learnt it for: "zero chemistry between the leads" read 6.5.
  [slang(String.raw`\bzero(?= (?:chemistry|stakes|fun|laughs?|jokes|effort|tension|suspense|scares|thrills|charisma|plot|story|logic|sense|depth|originality|personality|substance|heart|emotion|character development)\b)`), 'no'],
  [slang(String.raw`\brazzie[- ]worthy\b`), 'awful'],
  // Read word by word, "not a dull moment" is a negated pan.
  [slang(String.raw`\b(?:not|never) (?:a|one|a single) dull moment\b`), 'gripping throughout'],
  // Held by it, said with a negation or as time passing, which the model read as a pan at any length: "not a single
  // boring moment in the whole thing, I was hooked" 4.4, "it never gets boring and the cast is having a blast" 5.4,
  // "they didn't waste a single minute" 2.7, "no wasted scenes" 3.4, "felt like 20 minutes" 3.7, "the time just flew
  // by" 3.1. "Not a single good scene", "the years flew by" and "it flew under the radar" read as written.
  [slang(String.raw`\b(?:didn't|did not|couldn't|could not) blink (?:once|for (?:a second|(?:\w+ )?(?:hours|minutes)))\b`), 'it was absolutely gripping'],
  [slang(String.raw`(?<!\b(?:i|we) )\b(?:doesn't|does not|didn't|did not|never) waste(?:s|d)? (?:a|one|a single) (?:minute|second|moment|scene|frame)\b`), 'gripping throughout'],
  [slang(String.raw`\b(?:no|zero|not (?:a|one)(?: single)?|not a (?:second|minute|moment|scene|frame) of) (?:wasted|dull|boring|slow(?![- ]motion)|filler)(?: (?:scenes?|minutes?|moments?|seconds?|frames?|parts?))?\b(?: at all\b)?`), 'gripping throughout'],
  // Not a car crash: "so bad you can't look away".
  [slang(String.raw`(?<!\bbad\b[^.!?;]{0,30})\b(?:i )?(?:couldn't|could not|can't|cannot) look away\b`), 'absolutely gripping'],
  [slang(String.raw`\bnot (?:a single|one) (?:bad|weak|boring|dull|wasted) (?:frame|scene|shot|moment|line|performance|minute|joke)s?\b`), 'flawless throughout'],
  [slang(String.raw`\bfelt like (?:(?:only|just) )?(?:\d+|five|ten|fifteen|twenty|thirty) minutes\b|\b(?:didn't|did not|never|doesn't|does not) (?:feel|felt) (?:long|slow|too long)(?: at all)?\b|\bwent by (?:in a flash|so fast|so quickly|in no time)\b`), 'was gripping throughout'],
  [slang(String.raw`\b(?:(?:the )?(?:time|runtime|run time)|(?:\w+ )?(?:\w+ )?(?:hours|minutes)|it)(?: (?:just|really|totally))? flew(?: by\b| past\b|(?=\s*(?:[.!?,;]|$)))`), 'it was gripping'],
  [slang(String.raw`\b(?:is|was|'s) never (?:once )?(?:boring|dull|tedious)\b|\bnever (?:once |really )?(?:gets?|got|becomes?|became|grows?|grew|feels?|felt) (?:boring|dull|tedious)\b`), 'was gripping throughout'],
  [slang(String.raw`\b(?:didn't|did not) (?:even )?notice (?:the|its) (?:runtime|run time|length|time)\b`), 'was gripping throughout'],
  // Neither good nor bad, which the model read as two negations, a pan: "neither good nor bad" 3.6, "nothing special
  // but nothing terrible either" 3.4. Not "not great, and the ending was terrible". Read as words that weigh both ways
  // ("average" weighs nothing: the card would say no opinion leans either way).
  [slang(String.raw`\b(?:not|nothing|neither) (?:that |very |too |so )?(?:good|great|special|amazing|brilliant|fantastic|the best)\b,? (?:(?:but|and|nor|or) )?(?:also |yet )?(?:not|nothing|nor) (?:that |very |too |so )?(?:bad|terrible|awful|horrible|the worst)\b(?: either\b)?`), 'watchable but flawed'],
  // The model never learnt "blew me away" (5.1; in aclImdb's training reviews 31 of the 33 that say it are praise), nor
  // chat's advice to see it unspoilt ("don't watch the trailer, just go see it" 4.5). Not "nothing about it blew me away".
  [slang(String.raw`(?<!\b(?:not|never|no|nothing|hardly)\b(?: \w+){0,3} |n't(?: \w+){0,3} )\b(?:(?:completely|totally|absolutely|just|really|truly) )?(?:blew|blows) (?:me|us) (?:completely |totally |right )?away\b`), 'was amazing'],
  [slang(String.raw`\b(?:don't|do not|dont) (?:watch|read|look (?:at|up)|see) (?:the trailers?|any trailers?|anything|any reviews?|reviews?)\b[^.!?]{0,30}?[,.]? (?:just )?go(?: (?:see|watch) it)?\b`), 'highly recommend it'],
  // Minding a film is the model's "not_mind": "i didn't even mind the second time" 4.6.
  [slang(String.raw`\b(?:i |we )?(?:didn't|did not) (?:even )?mind (?=(?:it|this(?: one)?|the (?:\w+ )?(?:runtime|length|songs|second time|rewatch)|watching it again)\b)`), 'enjoyed '],
  // Laughter is praise in chat; IMDb's reviews laugh at bad films as often, so the model rated "I couldn't stop
  // laughing" 4.6. Laughing "at how bad it was" reads as written.
  [slang(String.raw`\b(?:couldn't|could not|can't|cannot) stop laughing\b(?! at (?:how|it|the fact)\b)|\b(?:crying|dying|died|dead) laughing\b`), 'hilarious'],
  // Praise said with a negation, which the model read as a pan: "Can't recommend it enough" 3.0, "I couldn't recommend
  // it more highly" 3.5, "It doesn't get better than this" 4.1, "I couldn't stop smiling" 4.4. Without "enough", "more"
  // or "than this", they read as written.
  [slang(String.raw`\b(?:can't|cannot|can not|couldn't|could not) recommend (?:it|this|this one|them|this (?:movie|film|show))(?: (?:(?:highly|strongly) )?enough| (?:any )?more(?: (?:highly|strongly))?)\b`), 'highly recommend it'],
  [slang(String.raw`\b(?:doesn't|does not|don't|do not|can't|cannot|can not) get (?:any |much )?better than (?:this|that)\b`), 'is as good as it gets'],
  [slang(String.raw`\b(?:couldn't|could not|can't|cannot|can not) stop (?:smiling|grinning)\b`), 'smiled throughout'],
  [slang(String.raw`\b(?:big |just )?yikes\b`), 'awful'],
  [slang(String.raw`(?:^|${VERDICT_VERB})cringe(?:y|worthy)?\b${CLAUSE_END}`), 'embarrassing'],
  [slang(String.raw`\b(?:snooze ?fest|slog)\b`), 'bore'],
  [slang(String.raw`\bmid\b(?:${CLAUSE_END}|(?= at best\b))`), 'mediocre'],
  // A line's opening "Okay," only clears the throat ("Okay, this was amazing"); alone ("Okay.", "Okay I guess") it is
  // the verdict.
  [slang(String.raw`^\s*${OKAY}\b(?:\s*[,!.:;-]+(?=\s*[\p{L}\p{N}])|(?= (?:so|wow|this|that|i(?! guess))\b))`), ''],
  // "It was okay" means a middling film, but IMDb's reviews have no 5s or 6s: the model learnt "okay" from the pans that
  // say it (2.4 times as many as the praise) and rated "The movie was okay." 2.5. Only as a verdict on the film itself,
  // so a long review's "the acting was okay" and "it's okay to skip" read as written.
  [slang(String.raw`(?<=^\s*(?:${HEDGE} )?|${FILM}(?: (?:is|was))?(?: ${HEDGE})? |\bit's (?:${HEDGE} )?)${OKAY}\b(?! (?:to|if)\b)|(?<=\ban )${OKAY}(?= (?:movie|film)\b)`), 'average'],
  // "Not bad" as a verdict on the film means fairly good in chat, but in IMDb's reviews pans say "wasn't bad" 2.6 times
  // as often as praise ("the acting wasn't bad, but"): the model rated "Not bad" 5.0 and "It wasn't bad" 4.4.
  [slang(String.raw`(?<=^\s*(?:really )?|${FILM} (?:is|was) |\bit ?'s )not ${NOT_BAD_VERDICT}`), 'decent'],
  [slang(String.raw`(?<=${FILM} )(is|was) ?n't ${NOT_BAD_VERDICT}`), '$1 decent'],
  [slang(String.raw`\b(?:an|massive|huge|big|total|absolute|another) l\b(?![.'-])`), 'a failure'],
  // ... and "a W" a win; glued to "&", "/" or "*" it is something else ("b&w film", "w/ friends", "W. Bush"). The
  // intensifier goes too: the model learnt "huge" from pans ("a huge disappointment"), so "huge triumph" read 5.0.
  [slang(String.raw`\b(?:(?:a|another) (?:${W_INTENSIFIER} )?|${W_INTENSIFIER} )w\b(?![.'/*&-])`), 'a triumph'],
  [slang(String.raw`(?<![&/*])\bw(?= (?:movie|film|sequel)\b)`), 'great'],
  // The model learnt comparisons from pans: "weakest of the trilogy" read 7.1.
  [slang(String.raw`\bweakest(?: (?:one|entry|film|movie))? (?:in|of) the (?:series|franchise|trilogy|saga)\b`), 'worst in the series'],
  // Whether it lingers or one viewing was plenty: "it stuck with me" read 4.0, "one watch was plenty" 7.5.
  [slang(String.raw`(?<=\b(?:it|this|that|one|movie|film|ending|scene|shot|story|soundtrack|score) (?:really |truly )?)(?:stuck|stayed|stays|sticks) with (?:me|you)\b`), 'was unforgettable'],
  [slang(String.raw`\b(?:once|one (?:watch|viewing|time)) was (?:more than )?(?:enough|plenty)\b(?:${CLAUSE_END}|(?= for me\b))|\bone and done\b`), 'not worth watching again'],
  ...Object.entries(UNLEARNT_WORDS).map(([word, plain]) => [slang(String.raw`\b${word}\b`), plain] as const),
  // Fillers the model never learnt, dropped last (the patterns above read them as the end of a clause).
  [slang(String.raw`\b(?:${TRAILING_FILLERS}|lowkey|highkey|smh|idk)\b(?![.'-])`), ''],
];
