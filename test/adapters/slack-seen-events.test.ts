import { describe, expect, it } from 'vitest';
import { SeenEvents } from '../../src/adapters/slack/seen-events.js';

describe('SeenEvents', () => {
  it('lets an event id through once, then refuses its retries', () => {
    const seen = new SeenEvents();
    expect(seen.firstTime('Ev1')).toBe(true);
    expect(seen.firstTime('Ev1')).toBe(false);
    expect(seen.firstTime('Ev2')).toBe(true);
  });

  it('forgets ids after their time-to-live and keeps at most maxEntries', () => {
    let now = 0;
    const seen = new SeenEvents(1000, 2, () => now);
    seen.firstTime('Ev1');
    now = 1500;
    expect(seen.firstTime('Ev1')).toBe(true);
    seen.firstTime('Ev2');
    seen.firstTime('Ev3');
    expect(seen.firstTime('Ev1')).toBe(true);
  });
});
