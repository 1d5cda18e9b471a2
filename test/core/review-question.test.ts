import { describe, expect, it } from 'vitest';
import { isQuestionForTheBot } from '../../src/core/review-question.js';

describe('isQuestionForTheBot', () => {
  it.each([
    'what do you think of Dune?',
    'Is Oppenheimer worth watching?',
    'is it good?',
    'should i watch barbie?',
    'have you seen the matrix?',
    'any good horror movies?',
    'can you rate interstellar?',
    'which is better, alien or aliens?',
    'hey bot, is oppenheimer good?',
    'rate the godfather',
    'worth watching?',
    'any good??',
    'can you review barbie please',
  ])('takes %j for a question to the bot', (message) => {
    expect(isQuestionForTheBot(message)).toBe(true);
  });

  it.each([
    'who thought this was a good idea?',
    'what did i just watch?',
    'was it worth the hype? no',
    'is it perfect? no. is it fun? absolutely',
    'was anything good about it?',
    'is it just me or was this not good?',
    'did anyone else cry at the ending?',
    'rate it 8/10',
    'rate the acting highly',
    'review bombing ruined it',
    `what do you think of ${'the long and winding '.repeat(4)}plot?`,
  ])('rates %j: a rhetorical question, a question with its answer, or a long review', (message) => {
    expect(isQuestionForTheBot(message)).toBe(false);
  });
});
