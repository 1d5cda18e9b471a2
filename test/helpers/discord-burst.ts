import sharp from 'sharp';
import { snowflake } from './fake-discord/payloads.js';
import type { FakeDiscord, RecordedRequest } from './fake-discord/index.js';

export interface BurstReport {
  readonly answers: number;
  readonly results: number;
  readonly refusals: number;
  /** Messages that got no reply, or more than one. */
  readonly wrongCount: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly peakRssMb: number;
}

const referenced = (request: RecordedRequest) => (request.body?.message_reference as { message_id?: string } | undefined)?.message_id;

/**
 * `users` people each post `postersPerUser` distinct posters through the fake Discord as fast as it takes them,
 * then waits until every message has its reply (or `timeoutMs`). The bot must already be connected.
 */
export async function runDiscordBurst(discord: FakeDiscord, users: number, postersPerUser: number, timeoutMs = 120_000): Promise<BurstReport> {
  const people = Array.from({ length: users }, (_, index) => ({ id: snowflake(), username: `user-${index}` }));
  const attachments = await Promise.all(
    Array.from({ length: users * postersPerUser }, async (_, index) => {
      const background = { r: index % 256, g: (index * 7) % 256, b: (index * 13) % 256 };
      const png = await sharp({ create: { width: 120, height: 180, channels: 3, background } }).png().toBuffer();
      return discord.addAttachment(`burst-${index}.png`, png, 'image/png');
    }),
  );
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const sentAt = new Map<string, number>();
  for (const [index, attachment] of attachments.entries()) {
    const message = discord.postMessage({ attachments: [attachment], author: people[index % users], mention: true });
    sentAt.set(message.id, Date.now());
  }
  const replies = () => discord.requests.filter((r) => r.status === 200 && sentAt.has(referenced(r) ?? ''));
  try {
    await discord.waitForRequest(() => new Set(replies().map(referenced)).size >= sentAt.size, timeoutMs);
  } finally {
    clearInterval(sampler);
  }
  const answered = replies();
  const perMessage = new Map<string, number>();
  for (const reply of answered) perMessage.set(referenced(reply)!, (perMessage.get(referenced(reply)!) ?? 0) + 1);
  const latencies = answered.map((r) => r.at - sentAt.get(referenced(r)!)!).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * q) - 1)] ?? NaN;
  return {
    answers: answered.length,
    results: answered.filter((r) => Array.isArray(r.body?.embeds) && (r.body.embeds as unknown[]).length === 1).length,
    refusals: answered.filter((r) => /slow down|busy|try again/i.test(String(r.body?.content ?? ''))).length,
    wrongCount: [...sentAt.keys()].filter((id) => perMessage.get(id) !== 1).length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    peakRssMb: Math.round(peakRss / 1e6),
  };
}
