import { describe, expect, it } from 'vitest';
import { emojiAsWords, hasReadableWords, slangAsWords } from '../../src/core/review-text.js';

describe('review text', () => {
  it('spells emoji and emoticons as the words they mean, lower-cased', () => {
    expect(emojiAsWords('LOVED it 😍 :D').split(/\s+/).filter(Boolean)).toEqual(['loved', 'it', 'love', 'happy']);
    expect(emojiAsWords('👎👎').split(/\s+/).filter(Boolean)).toEqual(['bad', 'bad']);
  });

  it.each([
    ['This movie SLAPS', 'this movie is excellent'],
    ['the ending slaps so hard', 'the ending is excellent so hard'],
    ['Absolute cinema.', 'a masterpiece.'],
    ['peak cinema', 'excellent cinema'],
    ['this is peak.', 'this is excellent.'],
    ["it's fire", "it's excellent"],
    ['what a banger', 'what a great film'],
    ['it ate', 'it was excellent'],
    ['Cillian Murphy carried the whole movie', 'cillian murphy was superb in the whole movie'],
    ["chef's kiss", 'perfect'],
    ['criminally slept on', 'criminally underrated'],
    ['no cap best film', 'best film'],
    ["it isn't bad at all", 'it is really good'],
    ['a total snoozefest', 'a total bore'],
    ['kinda mid tbh', 'kinda mediocre'],
    ['lowkey a banger ngl', 'a great film'],
    ['massive L', 'a failure'],
    ["I didn't hate it", 'i found it decent'],
    ['the hype is real', 'it is excellent'],
    ['absolute cinema, no notes', 'a masterpiece, perfect'],
    ['I want my two hours back', 'a waste of time'],
    ['big yikes', 'awful'],
    ["it's so cringe", "it's so embarrassing"],
    ['what a slog', 'what a bore'],
    ['it was honestly great', 'it was really great'],
    ['It was okay, nothing special', 'it was average, nothing special'],
    ["it's ok", "it's average"],
    ['The movie was pretty alright.', 'the movie was pretty average.'],
    ['just okay', 'just average'],
    ['an okay film', 'an average film'],
    ['Okay, this was amazing', 'this was amazing'],
    ['ok so this blew my mind', 'so this blew my mind'],
    ['Okay.', 'average.'],
    ['Okay I guess', 'average i guess'],
    ["Two hours of my life I'll never get back", 'a waste of time'],
    ["that's three hours I'm never getting back", "that's a waste of time"],
    ['Not a single dull moment!', 'gripping throughout!'],
    ['Not bad.', 'decent.'],
    ['honestly not too bad', 'really decent'],
    ["it's not that bad", "it's decent"],
    ["The movie wasn't bad", 'the movie was decent'],
    ["this one isn't bad", 'this one is decent'],
    ['not bad, not great', 'decent, not great'],
    ['So overhyped', 'so overrated'],
    ['Way over-hyped', 'way overrated'],
    ['Full of plotholes', 'full of plot holes'],
    ['a masterclass in suspense', 'a masterpiece in suspense'],
    ['I was underwhelmed', 'i was disappointed'],
    ["Couldn't stop laughing the whole time", 'hilarious the whole time'],
    ['I was crying laughing', 'i was hilarious'],
    ["Can't recommend it enough!", 'highly recommend it!'],
    ['I cannot recommend this film highly enough', 'i highly recommend it'],
    ["It doesn't get much better than this", 'it is as good as it gets'],
    ["Comedies don't get better than that", 'comedies is as good as it gets'],
    ["I couldn't stop smiling", 'i smiled throughout'],
    ['GOAT movie', 'greatest movie'],
    ['this movie is the goat', 'this movie is the greatest'],
    ['the GOAT!', 'the greatest!'],
    ['mid at best', 'mediocre at best'],
  ])('reads the slang in %j as plain words', (typed, read) => {
    expect(slangAsWords(typed).trim()).toBe(read);
  });

  it.each([
    'so he slaps her.',
    'the mother of all slaps.',
    'set in the mid-90s',
    'at the peak of her career, at its peak.',
    'the town was on fire.',
    'every meal they ate, and more',
    'gang bangers and bangers and mash',
    'The Banger Sisters',
    'he slept on the couch',
    "no cap'n, not there",
    'the acting was not bad but the plot was a mess',
    "the first half wasn't bad",
    'not bad enough to be funny',
    "i couldn't stop laughing at how bad it was",
    'L.A. story',
    'frío sol de invierno (fr. guido)',
    "if you don't hate this movie",
    "i didn't hate it as much as the others",
    'she took no notes in class',
    'made me cringe at every joke',
    'the acting was okay but the plot was a mess',
    "it's okay to skip this one",
    'it was not okay',
    'an okay cast',
    'the dull moments outnumber the good ones',
    "i'll get back to it in two hours",
    "i can't recommend it, sadly",
    "it doesn't get any better in the second half",
    "i couldn't stop yawning",
    'there is a goat in the movie',
    'the goat was adorable',
  ])('leaves the literal %j as written', (text) => {
    expect(slangAsWords(text)).toBe(text.toLowerCase());
  });

  it.each([
    ['words', 'ok', true],
    ['digits', '7', true],
    ['emoji that mean a word', '🔥🔥🔥', true],
    ['an emoticon', ':(', true],
    ['emoji without a meaning to the rater', '🍿🎬 !!! ???', false],
    ['punctuation', '...', false],
  ])('%s: readable %s', (_, text, readable) => {
    expect(hasReadableWords(text)).toBe(readable);
  });
});
