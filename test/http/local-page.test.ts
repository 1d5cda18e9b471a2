import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { heic, heicEncoderInstalled, needingHeicEncoder } from '../helpers/heic.js';
import { posterPng, startLocalServer, type LocalServer } from './local-server.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const available = existsSync(CHROMIUM);
const title = available
  ? 'the local page in headless Chromium'
  : `the local page in headless Chromium (SKIPPED: ${CHROMIUM} is missing; apt-get install -y chromium)`;

describe.skipIf(!available)(title, () => {
  let local: LocalServer;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    local = await startLocalServer();
    profile = await mkdtemp(join(tmpdir(), 'moviebot-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('console', (message) => {
      // A refused request is the page working as meant; the refusal itself is asserted below.
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(local.url);
  });

  afterAll(async () => {
    await browser?.close();
    await local?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows three genres and a rating for a poster chosen with the file picker', async () => {
    const poster = await posterPng([230, 120, 20], [30, 10, 80]);
    const expected = await (await fetch(`${local.url}/api/poster`, { method: 'POST', body: poster })).json();
    await page.getByLabel(/choose a file/).setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: Buffer.from(poster) });
    const card = page.locator('article.poster').first();
    await expect.poll(() => card.locator('.genres li').count()).toBe(3);
    expect(await card.locator('.genre-name').allTextContents()).toEqual(expected.top3.map(([genre]: [string]) => genre));
    expect(await card.locator('h3').textContent()).toContain('sunset.png');
    expect(await card.locator('.rating-value').textContent()).toBe(`${expected.rating.toFixed(1)} / 10`);
    expect(await card.locator('.rating-error').textContent()).toBe('(give or take 0.8)');
    expect(await card.locator('img.thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  });

  it('shows the look-alikes as IMDb links, and toggles the heat map over the poster with "Why?"', async () => {
    local.posterPredictor.similar = [{ id: 'tt0090605', title: 'Aliens', year: 1986, similarity: 0.8 }, { id: 'tt0078748', title: 'Alien', similarity: 0.7 }];
    const poster = await posterPng([20, 120, 230], [80, 10, 30]);
    await page.getByLabel(/choose a file/).setInputFiles({ name: 'night.png', mimeType: 'image/png', buffer: Buffer.from(poster) });
    const card = page.locator('article.poster').filter({ hasText: 'night.png' });
    await expect.poll(() => card.locator('.similar a').count()).toBe(2);
    expect(await card.locator('.similar a').first().getAttribute('href')).toBe('https://www.imdb.com/title/tt0090605/');
    expect(await card.locator('.similar').textContent()).toBe('Looks like Aliens (1986) · Alien');
    expect(await card.locator('.recognised').count()).toBe(0);

    const thumb = card.locator('img.thumb');
    const why = card.getByRole('button', { name: 'Why?' });
    await why.click();
    await expect.poll(() => thumb.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await why.getAttribute('aria-pressed')).toBe('true');
    expect(await card.locator('.why-caption').textContent()).toMatch(/^Why .+\? The warmer an area/);
    expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    await why.click();
    await expect.poll(() => thumb.getAttribute('src')).toMatch(/^blob:/);
    expect(await card.locator('.why-caption').isVisible()).toBe(false);
    local.posterPredictor.similar = undefined;
  });

  it.skipIf(!heicEncoderInstalled)(needingHeicEncoder("reads an iPhone's HEIC photo, which Chrome cannot show, and still shows its heat map"), async () => {
    const photo = await heic(sharp(Buffer.from(await posterPng([200, 40, 40], [40, 40, 200]))));
    await page.getByLabel(/choose a file/).setInputFiles({ name: 'IMG_0042.HEIC', mimeType: 'image/heic', buffer: photo });
    const card = page.locator('article.poster').filter({ hasText: 'IMG_0042.HEIC' });
    await expect.poll(() => card.locator('.genres li').count()).toBe(3);
    const thumb = card.locator('img.thumb');
    await expect.poll(() => thumb.isVisible()).toBe(false);
    const why = card.getByRole('button', { name: 'Why?' });
    await why.click();
    await expect.poll(() => thumb.isVisible()).toBe(true);
    expect(await thumb.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await why.click();
    await expect.poll(() => thumb.isVisible()).toBe(false);
  });

  it('names a poster it recognised, linked to IMDb', async () => {
    local.posterPredictor.recognised = { id: 'tt0084058', title: 'Heat and Dust', year: 1983, rating: 6.2, genres: ['Drama', 'Romance'], similarity: 1 };
    const poster = await posterPng([200, 120, 30], [10, 80, 30]);
    await page.getByLabel(/choose a file/).setInputFiles({ name: 'dust.png', mimeType: 'image/png', buffer: Buffer.from(poster) });
    const card = page.locator('article.poster').filter({ hasText: 'dust.png' });
    await expect.poll(() => card.locator('.recognised').textContent()).toBe("That's the poster of Heat and Dust (1983), rated 6.2 and listed as Drama, Romance on IMDb");
    expect(await card.locator('.recognised a').getAttribute('href')).toBe('https://www.imdb.com/title/tt0084058/');
    local.posterPredictor.recognised = undefined;
  });

  it('rates a typed review', async () => {
    await page.getByLabel('Review text').fill('A slow start, then wonderful.');
    await page.getByRole('button', { name: 'Rate review' }).click();
    const card = page.locator('article.review').first();
    await expect.poll(() => card.locator('.rating-value').textContent()).toBe('8.5 / 10');
    expect(await card.locator('blockquote').textContent()).toBe('A slow start, then wonderful.');
    expect(await card.locator('.words li.up').allTextContents()).toEqual(['wonderful +5.0']);
    expect(await card.locator('.read-as').count()).toBe(0);
    expect(await card.locator('.no-opinion').count()).toBe(0);
  });

  it('sends a review with Ctrl+Enter, as chat boxes do, while Enter alone starts a new line', async () => {
    const box = page.getByLabel('Review text');
    await box.fill('Superb cast.');
    await box.press('Enter');
    await box.pressSequentially('Loved the ending.');
    expect(await box.inputValue()).toBe('Superb cast.\nLoved the ending.');
    await box.press('Control+Enter');
    const card = page.locator('article.review', { hasText: 'Loved the ending.' });
    await expect.poll(() => card.locator('.rating-value').textContent()).toBe('8.5 / 10');
  });

  it('says what a chat message was read as when its words are not the ones typed', async () => {
    await page.getByLabel('Review text').fill('it was a blast');
    await page.getByRole('button', { name: 'Rate review' }).click();
    const card = page.locator('article.review', { hasText: 'it was a blast' });
    await expect.poll(() => card.locator('.read-as').textContent()).toBe('Read as “it was great fun”');
    expect(await card.locator('.words li.up').allTextContents()).toEqual(['great +5.0']);
  });

  it('says when no word of a review leans either way, as when a film title is typed instead', async () => {
    await page.getByLabel('Review text').fill('Inception');
    await page.getByRole('button', { name: 'Rate review' }).click();
    const card = page.locator('article.review', { hasText: 'Inception' });
    await expect.poll(() => card.locator('.no-opinion').textContent()).toMatch(/^Nothing in it leans either way.*look films up by name\.$/);
  });

  it('says when a review is rated by the score it gives itself', async () => {
    await page.getByLabel('Review text').fill('Dull and long. 3/10');
    await page.getByRole('button', { name: 'Rate review' }).click();
    const card = page.locator('article.review', { hasText: 'Dull and long' });
    await expect.poll(() => card.locator('.rating-value').textContent()).toBe('3.0 / 10');
    expect(await card.locator('.stated').textContent()).toBe('The score the review gives itself (3/10).');
    expect(await card.locator('.words li').count()).toBe(0);
  });

  it('shows a refused link inline, next to the poster form', async () => {
    await page.getByLabel('Link to a poster image or a film\'s page').fill('http://127.0.0.1:9/poster.png');
    await page.getByRole('button', { name: 'Analyse' }).click();
    const error = page.locator('#poster-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/private|local|address/i);
  });

  it('offers to read an image the gate refused anyway, and says the answer is a guess', async () => {
    local.posterPredictor.gate = () => 0.03;
    const chart = await posterPng([240, 240, 240], [250, 250, 250]);
    await page.getByLabel(/choose a file/).setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: Buffer.from(chart) });
    const error = page.locator('#poster-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/doesn't look like a movie poster \(97% sure/);
    await error.getByRole('button', { name: 'Read it anyway' }).click();
    const card = page.locator('article.poster').filter({ hasText: 'chart.png' });
    await expect.poll(() => card.locator('.forced-read').textContent()).toBe("This doesn't look like a movie poster to me (97% sure), so these genres and this rating are a guess.");
    expect(await card.locator('img.thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    local.posterPredictor.gate = undefined;
  });

  it('raised no script or security-policy errors', () => {
    expect(problems).toEqual([]);
  });
});
