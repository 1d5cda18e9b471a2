import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StoreInputError, type FeedbackRecord } from '../../src/store/index.js';
import { answer, postgresBackend, sqliteBackend } from '../helpers/store-backends.js';

const collect = async (records: AsyncIterable<FeedbackRecord>): Promise<FeedbackRecord[]> => {
  const all: FeedbackRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
};

const poster = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const posterSha = createHash('sha256').update(poster).digest('hex');

for (const backend of [sqliteBackend, postgresBackend]) {
  const title = backend.unavailable ? `${backend.name} store (skipped: ${backend.unavailable})` : `${backend.name} store`;
  describe.skipIf(backend.unavailable !== undefined)(title, () => {
    const freshLocation = backend.use();

    it('keeps a channel image-reply mode per platform and channel, and replaces it', async () => {
      const store = await (await freshLocation()).open();
      expect(await store.imageReplyMode('discord', 'c1')).toBeUndefined();
      await store.setImageReplyMode('discord', 'c1', 'mention');
      await store.setImageReplyMode('discord', 'c1', 'off');
      await store.setImageReplyMode('slack', 'c2', 'auto');
      expect(await store.imageReplyMode('discord', 'c1')).toBe('off');
      expect(await store.imageReplyMode('slack', 'c1')).toBeUndefined();
      expect(await store.imageReplyMode('slack', 'c2')).toBe('auto');
    });

    it('answers undefined to a vote on an answer it never saw', async () => {
      const store = await (await freshLocation()).open();
      expect(await store.vote('nope', 'discord', 'u1', 'up')).toBeUndefined();
      expect(await store.correct('nope', 'discord', 'u1', ['Drama'])).toBeUndefined();
      expect(await collect(store.exportFeedback())).toEqual([]);
    });

    it('keeps one vote per user per answer: a new vote replaces it, a correction votes down with genres', async () => {
      const store = await (await freshLocation()).open();
      await store.rememberAnswer(answer(1));
      const up = await store.vote('reply-1', 'discord', 'user-42', 'up');
      expect(up).toMatchObject({ ...answer(1), verdict: 'up', correctedGenres: [], imageKept: false });
      expect(up!.userHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(up)).not.toContain('user-42');
      expect(await store.vote('reply-1', 'discord', 'user-42', 'down')).toMatchObject({ verdict: 'down', userHash: up!.userHash });
      const corrected = await store.correct('reply-1', 'discord', 'user-42', ['Thriller', 'Horror', 'Horror']);
      expect(corrected).toMatchObject({ verdict: 'down', correctedGenres: ['Horror', 'Thriller'] });
      expect(await store.vote('reply-1', 'discord', 'user-42', 'down')).toMatchObject({ correctedGenres: ['Horror', 'Thriller'] });
      expect(await store.vote('reply-1', 'discord', 'user-42', 'up')).toMatchObject({ verdict: 'up', correctedGenres: [] });
      expect(await collect(store.exportFeedback())).toHaveLength(1);
    });

    it('refuses corrections that are not genres, and saves nothing for them', async () => {
      const store = await (await freshLocation()).open();
      await store.rememberAnswer(answer(1));
      await expect(store.correct('reply-1', 'discord', 'u1', ['Horror', 'Cartoon'])).rejects.toThrow(StoreInputError);
      await expect(store.correct('reply-1', 'discord', 'u1', [])).rejects.toThrow(StoreInputError);
      expect(await collect(store.exportFeedback())).toEqual([]);
    });

    it('exports every vote with its answer, oldest first, with different hashes for different users', async () => {
      const store = await (await freshLocation()).open();
      await store.rememberAnswer(answer(1));
      await store.rememberAnswer(answer(2, { platform: 'slack', serverId: undefined, channelId: undefined }));
      await store.vote('reply-1', 'discord', 'a', 'up');
      await store.vote('reply-1', 'discord', 'b', 'down');
      await store.correct('reply-2', 'slack', 'a', ['Action']);
      const records = await collect(store.exportFeedback());
      // Votes cast in the same millisecond may come out in either order; the times must still ascend (below).
      expect(records.map((r) => [r.answerId, r.verdict, r.correctedGenres])).toEqual(expect.arrayContaining([
        ['reply-1', 'up', []], ['reply-1', 'down', []], ['reply-2', 'down', ['Action']],
      ]));
      expect(records).toHaveLength(3);
      expect(new Set(records.map((r) => r.userHash)).size).toBe(3);
      expect(records.find((r) => r.answerId === 'reply-2')).not.toHaveProperty('serverId');
      expect(records.find((r) => r.answerId === 'reply-1')!.top3).toEqual(answer(1).top3);
      expect(records.map((r) => r.at)).toEqual([...records.map((r) => r.at)].sort());
    });

    it('keeps images only when configured, and only bytes that match their hash', async () => {
      const location = await freshLocation();
      const store = await location.open();
      await store.rememberAnswer(answer(1, { imageSha256: posterSha }), poster);
      expect(Buffer.from((await store.keptImage(posterSha))!)).toEqual(Buffer.from(poster));
      expect(await store.vote('reply-1', 'discord', 'u', 'up')).toMatchObject({ imageKept: true });
      await expect(store.rememberAnswer(answer(2), poster)).rejects.toThrow(StoreInputError);
      await store.close();
      const notKeeping = await location.open({ FEEDBACK_KEEP_IMAGES: 'false' });
      const otherSha = createHash('sha256').update('other').digest('hex');
      await notKeeping.rememberAnswer(answer(3, { imageSha256: otherSha }), new TextEncoder().encode('other'));
      expect(await notKeeping.keptImage(otherSha)).toBeUndefined();
    });

    it('forgets one user on one platform: their votes, and images only their votes kept', async () => {
      const store = await (await freshLocation()).open();
      await store.rememberAnswer(answer(1, { imageSha256: posterSha }), poster);
      await store.rememberAnswer(answer(2));
      await store.rememberAnswer(answer(3, { platform: 'slack' }));
      await store.vote('reply-1', 'discord', 'me', 'down');
      await store.vote('reply-2', 'discord', 'me', 'up');
      await store.vote('reply-2', 'discord', 'someone', 'up');
      await store.vote('reply-3', 'slack', 'me', 'up');
      expect(await store.forgetUser('discord', 'me')).toBe(2);
      expect(await store.forgetUser('discord', 'me')).toBe(0);
      const left = await collect(store.exportFeedback());
      expect(left.map((r) => [r.platform, r.answerId])).toEqual([['discord', 'reply-2'], ['slack', 'reply-3']]);
      expect(await store.keptImage(posterSha)).toBeUndefined();
    });

    it('keeps settings, votes and user hashes across a close and a reopen', async () => {
      const location = await freshLocation();
      const first = await location.open();
      await first.setImageReplyMode('slack', 'c', 'mention');
      await first.rememberAnswer(answer(1));
      const vote = await first.vote('reply-1', 'discord', 'u', 'up');
      await first.close();
      await expect(first.vote('reply-1', 'discord', 'u', 'down')).rejects.toThrow(/closed/);
      const second = await location.open();
      expect(await second.imageReplyMode('slack', 'c')).toBe('mention');
      expect(await collect(second.exportFeedback())).toEqual([vote]);
      expect((await second.vote('reply-1', 'discord', 'u', 'down'))!.userHash).toBe(vote!.userHash);
    });

    it('GIVEN two bot processes opening the same store at once THEN they share settings, votes and user hashes', async () => {
      const location = await freshLocation();
      const [one, two] = await Promise.all([location.open(), location.open()]);
      await one.setImageReplyMode('discord', 'c', 'off');
      await one.rememberAnswer(answer(1));
      const fromOne = await one.vote('reply-1', 'discord', 'u', 'up');
      expect(await two.imageReplyMode('discord', 'c')).toBe('off');
      const fromTwo = await two.vote('reply-1', 'discord', 'u', 'down');
      expect(fromTwo).toMatchObject({ userHash: fromOne!.userHash, verdict: 'down' });
      expect(await collect(one.exportFeedback())).toEqual([fromTwo]);
    });

    it('writes a vote still in flight when close() is called before closing', async () => {
      const location = await freshLocation();
      const store = await location.open();
      await store.rememberAnswer(answer(1));
      const inFlight = store.correct('reply-1', 'discord', 'u', ['Western']);
      await store.close();
      await expect(inFlight).resolves.toMatchObject({ correctedGenres: ['Western'] });
      const reopened = await location.open();
      expect((await collect(reopened.exportFeedback())).map((r) => r.correctedGenres)).toEqual([['Western']]);
    });

    it('exports past one page of votes', async () => {
      const store = await (await freshLocation()).open();
      await store.rememberAnswer(answer(1));
      await Promise.all(Array.from({ length: 1_001 }, (_, i) => store.vote('reply-1', 'discord', `user-${i}`, i % 2 ? 'up' : 'down')));
      const records = await collect(store.exportFeedback());
      expect(records).toHaveLength(1_001);
      expect(new Set(records.map((r) => r.userHash)).size).toBe(1_001);
    });
  });
}
