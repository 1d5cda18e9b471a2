import { describe, expect, it, vi } from 'vitest';
import type { ImageSource } from '../../src/core/command.js';
import { analyzeLink, LatePreviews } from '../../src/core/late-previews.js';
import { linkSource } from '../../src/core/message-links.js';
import { notAPosterNotice, notice, type Reply } from '../../src/core/reply.js';

const POST = 'https://x.com/studio/status/123';
const PICTURE = 'https://media.example/poster.jpg';
const requester = { platform: 'discord', userId: 'u1' } as const;

describe('LatePreviews', () => {
  it('gives a preview that came before it was asked for, matching the link as linkSources does', async () => {
    const late = new LatePreviews();
    late.add('m1', [{ url: 'https://twitter.com/studio/status/123', image: PICTURE }]);
    expect(await late.previewFor('m1', POST, 0)).toBe(PICTURE);
    expect(await late.previewFor('m2', POST, 0)).toBeUndefined();
  });

  it('waits for a preview that comes later, and only for the link asked about', async () => {
    const late = new LatePreviews();
    const waiting = late.previewFor('m1', POST, 5_000);
    late.add('m1', [{ url: 'https://other.example/page', image: 'https://media.example/other.jpg' }]);
    setTimeout(() => late.add('m1', [{ url: POST, image: PICTURE }]), 20);
    const started = performance.now();
    expect(await waiting).toBe(PICTURE);
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('gives up after the wait when no preview comes', async () => {
    vi.useFakeTimers();
    try {
      const waiting = new LatePreviews().previewFor('m1', POST, 5_000);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(await waiting).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets previews a minute old', async () => {
    let now = 0;
    const late = new LatePreviews(() => now);
    late.add('m1', [{ url: POST, image: PICTURE }]);
    now = 61_000;
    late.add('m2', [{ url: POST, image: PICTURE }]);
    expect(await late.previewFor('m1', POST, 0)).toBeUndefined();
    expect(await late.previewFor('m2', POST, 0)).toBe(PICTURE);
  });
});

describe('analyzeLink', () => {
  const unreadable = notice('error', "That page doesn't show a poster I can read.");
  const card = { kind: 'poster' } as unknown as Reply;
  const botAnswering = (answer: (source: ImageSource) => Reply) => ({ analyzePoster: vi.fn(async (source: ImageSource) => answer(source)) });

  it("reads the platform's late preview of a link whose page gave no picture", async () => {
    const bot = botAnswering((source) => (source.kind === 'url' && source.preview === PICTURE ? card : unreadable));
    expect(await analyzeLink(bot, linkSource(POST), requester, async () => PICTURE)).toBe(card);
    expect(bot.analyzePoster).toHaveBeenCalledTimes(2);
  });

  it('keeps the first answer when no preview comes, when the link had one, or when the picture was read and refused', async () => {
    const noPreview = botAnswering(() => unreadable);
    expect(await analyzeLink(noPreview, linkSource(POST), requester, async () => undefined)).toBe(unreadable);
    const previewed = botAnswering(() => unreadable);
    expect(await analyzeLink(previewed, linkSource(POST, PICTURE), requester, async () => PICTURE)).toBe(unreadable);
    expect(previewed.analyzePoster).toHaveBeenCalledTimes(1);
    const refusal = notAPosterNotice({ poster: 0.02 });
    const refused = botAnswering(() => refusal);
    expect(await analyzeLink(refused, linkSource(POST), requester, async () => PICTURE)).toBe(refusal);
    expect(refused.analyzePoster).toHaveBeenCalledTimes(1);
  });
});
