import { describe, expect, it } from 'vitest';
import { AnsweredMessages } from '../../src/core/answered-messages.js';

describe('AnsweredMessages', () => {
  it('hands over every answer to a message once, and none for a message it never answered', () => {
    const answered = new AnsweredMessages();
    answered.add('C1', ['m1'], 'a1');
    answered.add('C1', ['m1'], 'a2');
    answered.add('C2', ['m1'], 'b1');
    expect(answered.take('C1', 'm1')).toEqual(['a1', 'a2']);
    expect(answered.take('C1', 'm1')).toEqual([]);
    expect(answered.take('C2', 'm1')).toEqual(['b1']);
    expect(answered.take('C1', 'm9')).toEqual([]);
  });

  it('hands over an answer about two messages (a mention and the review it asked about) with whichever goes first', () => {
    const answered = new AnsweredMessages();
    answered.add('C1', ['mention', 'review'], 'card');
    expect(answered.take('C1', 'review')).toEqual(['card']);
    expect(answered.take('C1', 'mention')).toEqual([]);
  });

  it('forgets answers after a week', () => {
    let now = 0;
    const answered = new AnsweredMessages(() => now);
    answered.add('C1', ['old'], 'a1');
    answered.add('C1', ['recent'], 'a2');
    now = 7 * 24 * 3600 * 1000 + 1;
    expect(answered.take('C1', 'old')).toEqual([]);
    answered.add('C1', ['new'], 'a3');
    expect(answered.take('C1', 'recent')).toEqual([]);
    expect(answered.take('C1', 'new')).toEqual(['a3']);
  });

  it('keeps the latest 20,000 answered messages', () => {
    const answered = new AnsweredMessages();
    for (let i = 0; i <= 20_000; i++) answered.add('C1', [`m${i}`], `a${i}`);
    expect(answered.take('C1', 'm0')).toEqual([]);
    expect(answered.take('C1', 'm1')).toEqual(['a1']);
    expect(answered.take('C1', 'm20000')).toEqual(['a20000']);
  });
});
