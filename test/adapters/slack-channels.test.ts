import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_REVIEW_CALLBACK } from '../../src/adapters/slack/rate-review-handler.js';
import { READ_POSTER_CALLBACK } from '../../src/adapters/slack/read-poster-handler.js';
import { blockActionPayload, fileShareEvent, messageShortcutPayload } from '../helpers/fake-slack/events.js';
import { startSlackHarness, type SlackHarness } from '../helpers/fake-slack/slack-harness.js';
import { FAKE_TEAM, type RecordedCall } from '../helpers/fake-slack/web-api.js';
import { solid } from '../helpers/image-corpus.js';
import { whiteIsNotAPoster } from '../helpers/fake-predictors.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** The channel slash commands come from in the fake (slashCommandFields). */
const COMMAND_CHANNEL = 'C0MOVIES';
const ADMIN = 'U0ADMIN';

const png = (rgb: readonly [number, number, number]) => solid(120, 180, rgb).png().toBuffer();
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

let harness: SlackHarness;
let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore();
  harness = await startSlackHarness('socket', {}, { store });
  harness.testBot.posterPredictor.gate = whiteIsNotAPoster;
});

afterAll(async () => {
  await harness?.close();
});

const repliesIn = (channel: string) => harness.api.callsOf('chat.postMessage').filter((call) => call.body.channel === channel && call.status === 200);
const responses = (url: string) => harness.api.callsOf('response_url').filter((call) => url.endsWith(call.path));
const responseTo = (url: string) => harness.api.waitFor('response_url', (call) => url.endsWith(call.path));

async function share(channel: string, rgb: readonly [number, number, number], text = ''): Promise<RecordedCall[]> {
  const file = harness.api.addFile('image.png', 'image/png', await png(rgb));
  const before = repliesIn(channel).length;
  await harness.deliverEvent({ ...fileShareEvent(channel, [file]), text });
  await settle();
  return repliesIn(channel).slice(before);
}

describe('Slack image replies per channel', () => {
  it('in auto mode answers a poster in its thread and stays silent on an image that is not one', async () => {
    expect(await share('C0AUTO', [150, 30, 30])).toHaveLength(1);
    expect(await share('C0AUTO', [255, 255, 255])).toHaveLength(0);
  });

  it('lets a workspace admin set mention mode, privately, then answers only mentions', async () => {
    const url = await harness.runCommand('settings', 'mention', ADMIN);
    const answer = await responseTo(url);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toContain('mention');
    expect(await share(COMMAND_CHANNEL, [30, 150, 30])).toHaveLength(0);
    expect(await share(COMMAND_CHANNEL, [30, 150, 30], `<@${FAKE_TEAM.botUserId}> this one?`)).toHaveLength(1);
    const shown = await responseTo(await harness.runCommand('settings', '', ADMIN));
    expect(shown.body.response_type).toBe('ephemeral');
    expect(String(shown.body.text)).toContain('Image replies in this channel: **mention**');
  });

  it('refuses /settings to someone who is not a workspace admin, and changes nothing', async () => {
    const url = await harness.runCommand('settings', 'off', 'U0PERSON');
    const answer = await responseTo(url);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toMatch(/Only server admins/);
    expect(store.modes.get(`slack:${COMMAND_CHANNEL}`)).toBe('mention');
  });

  it('answers the images of a message through the "Read poster" shortcut, in its thread', async () => {
    const file = harness.api.addFile('shortcut.png', 'image/png', await png([90, 20, 120]));
    const message = { type: 'message', user: 'U0OTHER', ts: '1700000999.000100', text: '', files: [file] };
    await harness.deliverInteraction(messageShortcutPayload(READ_POSTER_CALLBACK, message, COMMAND_CHANNEL, harness.api.responseUrl()));
    const reply = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === message.ts);
    expect(JSON.stringify(reply.body.blocks)).toMatch(/Predicted IMDb rating/);
  });

  it('answers "Read poster" through the response URL in a channel the bot cannot post in', async () => {
    harness.api.failNext('chat.postMessage', { error: 'not_in_channel' });
    const url = harness.api.addPublicImage('elsewhere.png', await png([30, 160, 90]));
    const respondUrl = harness.api.responseUrl();
    const message = { type: 'message', user: 'U0OTHER', ts: '1700000999.000800', text: `<${url}>` };
    await harness.deliverInteraction(messageShortcutPayload(READ_POSTER_CALLBACK, message, COMMAND_CHANNEL, respondUrl));
    const answer = await responseTo(respondUrl);
    expect(answer.body.response_type).toBe('in_channel');
    expect(JSON.stringify(answer.body.blocks)).toMatch(/Predicted IMDb rating/);
  });

  it('reads the links of a message that shares no image through "Read poster" (or what Slack unfurled of them), and says so when it has neither', async () => {
    const url = harness.api.addPublicImage('linked.png', await png([30, 160, 90]));
    const message = { type: 'message', user: 'U0OTHER', ts: '1700000999.000200', text: `this one? <${url}|poster>` };
    await harness.deliverInteraction(messageShortcutPayload(READ_POSTER_CALLBACK, message, COMMAND_CHANNEL, harness.api.responseUrl()));
    const reply = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === message.ts);
    expect(JSON.stringify(reply.body.blocks)).toMatch(/Predicted IMDb rating/);

    // A post whose site refuses the bot (here a 404): what Slack's unfurl shows of it is read instead.
    const previewed = harness.api.addPublicImage('previewed.png', await png([160, 40, 60]));
    const post = `${new URL(url).origin}/public/status-123`;
    const unfurled = { ...message, ts: '1700000999.000250', text: `the new poster <${post}>`, attachments: [{ from_url: post, image_url: previewed }] };
    await harness.deliverInteraction(messageShortcutPayload(READ_POSTER_CALLBACK, unfurled, COMMAND_CHANNEL, harness.api.responseUrl()));
    const read = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === unfurled.ts);
    expect(JSON.stringify(read.body.blocks)).toMatch(/Predicted IMDb rating/);

    const plainUrl = harness.api.responseUrl();
    const plain = { type: 'message', user: 'U0OTHER', ts: '1700000999.000300', text: 'no poster here' };
    await harness.deliverInteraction(messageShortcutPayload(READ_POSTER_CALLBACK, plain, COMMAND_CHANNEL, plainUrl));
    expect(JSON.stringify((await responseTo(plainUrl)).body)).toContain('That message has no image or link I can read.');
  });
});

describe('a Slack mention or DM without an image', () => {
  async function say(channel: string, text: string): Promise<RecordedCall[]> {
    const before = repliesIn(channel).length;
    const { files: _none, subtype: _plain, ...message } = fileShareEvent(channel, []);
    await harness.deliverEvent({ ...message, text, ...(channel.startsWith('D') ? { channel_type: 'im' } : {}) });
    await settle();
    return repliesIn(channel).slice(before);
  }

  it('says how to ask in the thread, reads a linked poster, and leaves a message that does not name the bot alone', async () => {
    const [hint] = await say('C0AUTO', `<@${FAKE_TEAM.botUserId}> hi, what do you do?`);
    expect(JSON.stringify(hint!.body)).toContain('Send me a movie poster');
    const url = harness.api.addPublicImage('mentioned.png', await png([150, 30, 30]));
    const [card] = await say('C0AUTO', `<@${FAKE_TEAM.botUserId}> what about <${url}>`);
    expect(JSON.stringify(card!.body.blocks)).toMatch(/Predicted IMDb rating/);
    expect(await say('C0AUTO', 'talking among ourselves')).toHaveLength(0);
    expect(JSON.stringify((await say('D0DIRECT', 'hello'))[0]!.body)).toContain('Send me a movie poster');
  });

  it('rates a mention that reads as a review, and tells talk to the bot how to ask', async () => {
    const [card] = await say('C0AUTO', `<@${FAKE_TEAM.botUserId}> just watched Barbie with my sister, we loved it`);
    expect(card!.body.text).toBe('Predicted rating 8.5 / 10');
    const [hint] = await say('C0AUTO', `<@${FAKE_TEAM.botUserId}> you are a great bot, thanks`);
    expect(JSON.stringify(hint!.body)).toContain('Send me a movie poster');
  });

  it("reads the first message of the thread a mention is in: someone's review, or someone's poster", async () => {
    const { files: _none, subtype: _plain, ...plain } = fileShareEvent('C0AUTO', [], 'U0OTHER');
    const review = { ...plain, text: 'saw it last night, loved every minute' };
    harness.api.addMessage(review);
    await harness.deliverEvent(review);
    const inThread = async (parent: { ts: string }, text: string) => {
      const { files: _f, subtype: _s, ...message } = fileShareEvent('C0AUTO', []);
      await harness.deliverEvent({ ...message, thread_ts: parent.ts, text: `<@${FAKE_TEAM.botUserId}> ${text}` });
      return harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === parent.ts && call.status === 200);
    };
    expect((await inThread(review, 'rate this')).body.text).toBe('Predicted rating 8.5 / 10');
    // Once the bot has answered in the thread, a mention there is about its answer: the review is not rated again, and
    // the bot says where its answer is.
    const { files: _f2, subtype: _s2, ...followUp } = fileShareEvent('C0AUTO', []);
    await harness.deliverEvent({ ...followUp, thread_ts: review.ts, text: `<@${FAKE_TEAM.botUserId}> what about the rating?` });
    await settle();
    // Thanks in that thread are about the answer already there, which is not given again.
    const { files: _f, subtype: _s, ...thanks } = fileShareEvent('C0AUTO', []);
    await harness.deliverEvent({ ...thanks, thread_ts: review.ts, text: `<@${FAKE_TEAM.botUserId}> thanks!` });
    await settle();
    expect(repliesIn('C0AUTO').filter((call) => call.body.thread_ts === review.ts).map((call) => String(call.body.text))).toEqual([
      'Predicted rating 8.5 / 10', "I've answered in this thread already, just above.", "You're welcome! 🎬",
    ]);
    const poster = { ...fileShareEvent('C0MENTION', [harness.api.addFile('theirs.png', 'image/png', await png([30, 90, 160]))], 'U0OTHER'), channel: 'C0AUTO' };
    harness.api.addMessage(poster);
    const card = await inThread(poster, 'what genre is this?');
    expect(JSON.stringify(card.body.blocks)).toContain('theirs.png');
  });

  it('deletes its answers when the person deletes what they answered, and nothing else', async () => {
    const postedTs = (call: RecordedCall) => String(call.answer?.ts);
    const posterShare = fileShareEvent('C0AUTO', [harness.api.addFile('oops.png', 'image/png', await png([30, 90, 160]))], 'U0OTHER');
    await harness.deliverEvent(posterShare);
    const card = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === posterShare.ts && call.status === 200);
    const { files: _none, subtype: _plain, ...plain } = fileShareEvent('C0AUTO', [], 'U0OTHER');
    const review = { ...plain, text: 'saw it last night, loved every minute' };
    harness.api.addMessage(review);
    await harness.deliverEvent(review);
    const { files: _f, subtype: _s, ...mention } = { ...fileShareEvent('C0AUTO', []), thread_ts: review.ts, text: `<@${FAKE_TEAM.botUserId}> rate this` };
    await harness.deliverEvent(mention);
    const rated = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === review.ts && call.status === 200);
    const kept = fileShareEvent('C0AUTO', [harness.api.addFile('kept.png', 'image/png', await png([30, 90, 160]))], 'U0OTHER');
    await harness.deliverEvent(kept);
    await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === kept.ts && call.status === 200);
    // A thread's first message with replies becomes Slack's tombstone; a reply in a thread is deleted outright.
    const tombstone = { type: 'message', subtype: 'tombstone', text: 'This message was deleted.', user: 'USLACKBOT', hidden: true, ts: posterShare.ts, thread_ts: posterShare.ts };
    await harness.deliverEvent({ type: 'message', subtype: 'message_changed', hidden: true, channel: 'C0AUTO', ts: `${posterShare.ts}9`, event_ts: `${posterShare.ts}9`, message: tombstone });
    await harness.deliverEvent({ type: 'message', subtype: 'message_deleted', hidden: true, channel: 'C0AUTO', deleted_ts: mention.ts, ts: `${mention.ts}9`, event_ts: `${mention.ts}9` });
    await settle();
    expect(harness.api.callsOf('chat.delete').map((call) => call.body)).toEqual([
      { channel: 'C0AUTO', ts: postedTs(card) },
      { channel: 'C0AUTO', ts: postedTs(rated) },
    ]);
  });

  it("waits for Slack's unfurl of a link whose site gives the bot no picture when the mention came before it", async () => {
    const previewed = harness.api.addPublicImage('unfurled.png', await png([160, 40, 60]));
    const post = `${new URL(previewed).origin}/public/status-456`;
    const { files: _none, subtype: _plain, ...message } = fileShareEvent('C0AUTO', []);
    const mention = { ...message, text: `<@${FAKE_TEAM.botUserId}> the new poster <${post}>` };
    const unfurled = { ...mention, attachments: [{ from_url: post, image_url: previewed }] };
    setTimeout(() => void harness.deliverEvent({ type: 'message', subtype: 'message_changed', hidden: true, channel: 'C0AUTO', ts: `${mention.ts}1`, event_ts: `${mention.ts}1`, message: unfurled, previous_message: mention }), 300);
    await harness.deliverEvent(mention);
    const card = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === mention.ts);
    expect(JSON.stringify(card.body.blocks)).toMatch(/Predicted IMDb rating/);
  });
});

describe('"Rate review" on a Slack message', () => {
  it('rates what the message says in its thread, its markup read as people see it', async () => {
    const message = { type: 'message', user: 'U0OTHER', ts: '1700000999.000400', text: '<@U0FRIEND> A slow start, then <https://x.example/w|wonderful> &amp; more.' };
    await harness.deliverInteraction(messageShortcutPayload(RATE_REVIEW_CALLBACK, message, COMMAND_CHANNEL, harness.api.responseUrl()));
    const reply = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === message.ts);
    expect(JSON.stringify(reply.body.blocks)).toMatch(/Predicted rating/);
    expect(JSON.stringify(reply.body.blocks)).toContain('A slow start, then wonderful &amp; more.');
  });

  it('answers through the response URL in a channel the bot cannot post in', async () => {
    harness.api.failNext('chat.postMessage', { error: 'not_in_channel' });
    const url = harness.api.responseUrl();
    const message = { type: 'message', user: 'U0OTHER', ts: '1700000999.000700', text: 'A slow start, then wonderful.' };
    await harness.deliverInteraction(messageShortcutPayload(RATE_REVIEW_CALLBACK, message, COMMAND_CHANNEL, url));
    const answer = await responseTo(url);
    expect(answer.body.response_type).toBe('in_channel');
    expect(JSON.stringify(answer.body.blocks)).toMatch(/Predicted rating/);
  });

  it('says privately when the message has no text, or asks a question instead of reviewing', async () => {
    const emptyUrl = harness.api.responseUrl();
    const empty = { type: 'message', user: 'U0OTHER', ts: '1700000999.000500', text: '<@U0FRIEND>' };
    await harness.deliverInteraction(messageShortcutPayload(RATE_REVIEW_CALLBACK, empty, COMMAND_CHANNEL, emptyUrl));
    const refusal = await responseTo(emptyUrl);
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(refusal.body)).toContain('That message has no text I can rate as a review.');

    const questionUrl = harness.api.responseUrl();
    const question = { type: 'message', user: 'U0OTHER', ts: '1700000999.000600', text: 'is dune 2 worth it?' };
    await harness.deliverInteraction(messageShortcutPayload(RATE_REVIEW_CALLBACK, question, COMMAND_CHANNEL, questionUrl));
    expect(JSON.stringify((await responseTo(questionUrl)).body)).toContain("That reads like you're asking me about a film.");
  });
});

describe('Slack feedback', () => {
  it('records 👍, and a 👎 followed by the genres the poster really has', async () => {
    const [answer] = await share('C0AUTO', [120, 60, 200]);
    const actions = (answer!.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((block) => block.type === 'actions')!;
    const [up, down] = actions.elements!;

    await harness.deliverInteraction(blockActionPayload(up!.action_id, harness.api.responseUrl(), { value: up!.value }));
    await settle();
    expect([...store.votes.values()].map((vote) => vote.verdict)).toEqual(['up']);

    const pickerUrl = harness.api.responseUrl();
    await harness.deliverInteraction(blockActionPayload(down!.action_id, pickerUrl, { value: down!.value }));
    const picker = await responseTo(pickerUrl);
    expect(picker.body.response_type).toBe('ephemeral');
    const menu = (picker.body.blocks as Array<{ accessory: { action_id: string; options: unknown[] } }>)[0]!.accessory;
    expect(menu.options).toHaveLength(25);

    const thanksUrl = harness.api.responseUrl();
    await harness.deliverInteraction(blockActionPayload(menu.action_id, thanksUrl, { selected: ['Horror', 'Thriller'] }));
    const thanks = await responseTo(thanksUrl);
    expect(thanks.body.replace_original).toBe(true);
    expect([...store.votes.values()]).toEqual([expect.objectContaining({ verdict: 'down', correctedGenres: ['Horror', 'Thriller'] })]);
    expect(responses(thanksUrl)).toHaveLength(1);
  });

  it('/forget-me deletes the caller\'s votes and says how many', async () => {
    const url = await harness.runCommand('forget-me', '');
    expect(String((await responseTo(url)).body.text)).toMatch(/Deleted 1 vote/);
    expect(store.votes.size).toBe(0);
  });
});

describe('Slack "Why?"', () => {
  it('uploads the heat map of the top genre into the answer\'s thread', async () => {
    const [answer] = await share('C0AUTO', [200, 40, 90]);
    const actions = (answer!.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((block) => block.type === 'actions')!;
    const why = actions.elements!.find((element) => element.action_id.startsWith('why:'))!;

    await harness.deliverInteraction(blockActionPayload(why.action_id, harness.api.responseUrl(), { value: why.value }));
    const completed = await harness.api.waitFor('files.completeUploadExternal');
    expect(completed.body).toMatchObject({ channel_id: 'C0MOVIES', thread_ts: '1700000000.000100', initial_comment: expect.stringMatching(/^Why .+\?/) });
    const [upload] = harness.api.callsOf('file_upload');
    expect(upload!.body).toMatchObject({ png: true });
    expect(upload!.body.bytes).toBeGreaterThan(1000);
  });

  it('goes with the card when the poster is deleted', async () => {
    const file = harness.api.addFile('gone.png', 'image/png', await png([200, 50, 90]));
    const shared = { ...fileShareEvent(COMMAND_CHANNEL, [file], 'U0OTHER'), text: `<@${FAKE_TEAM.botUserId}> this one?` };
    await harness.deliverEvent(shared);
    const card = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === shared.ts && call.status === 200);
    const cardTs = String(card.answer?.ts);
    const actions = (card.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((block) => block.type === 'actions')!;
    const why = actions.elements!.find((element) => element.action_id.startsWith('why:'))!;
    await harness.deliverInteraction(blockActionPayload(why.action_id, harness.api.responseUrl(), { value: why.value }, 'U0PERSON', { message_ts: cardTs, thread_ts: shared.ts }));
    const completed = await harness.api.waitFor('files.completeUploadExternal', (call) => call.body.thread_ts === shared.ts);
    const [heatmap] = completed.body.files as Array<{ id: string }>;
    const deletion = (ts: string) => ({ type: 'message', subtype: 'message_deleted', hidden: true, channel: COMMAND_CHANNEL, deleted_ts: ts, ts: `${ts}9`, event_ts: `${ts}9` });
    await harness.deliverEvent(deletion(shared.ts));
    await harness.api.waitFor('chat.delete', (call) => call.body.ts === cardTs);
    await harness.deliverEvent(deletion(cardTs)); // Slack tells the bot of its own deleted messages too
    expect((await harness.api.waitFor('files.delete')).body).toMatchObject({ file: heatmap!.id });
  });

  it('reads a refused image anyway when the person presses "Read it anyway", in the channel, with a caveat', async () => {
    const refusalUrl = await harness.runCommand('poster', harness.api.addPublicImage('quad.png', await png([255, 255, 255])));
    const refusal = await responseTo(refusalUrl);
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(String(refusal.body.text)).toMatch(/doesn't look like a movie poster \(95% sure.* press Read it anyway\.$/);
    const actions = (refusal.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>).find((block) => block.type === 'actions')!;
    const [readAnyway] = actions.elements!;
    expect(readAnyway).toMatchObject({ action_id: expect.stringMatching(/^anyway:[0-9a-f]{64}$/), text: { text: 'Read it anyway' } });

    const url = harness.api.responseUrl();
    await harness.deliverInteraction(blockActionPayload(readAnyway!.action_id, url, { value: readAnyway!.value }, 'U0PERSON', { is_ephemeral: true }));
    const card = await responseTo(url);
    expect(card.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(card.body.blocks)).toMatch(/Predicted IMDb rating.*:warning: This doesn't look like a movie poster to me \(95% sure\)/);
  });

  it('answers "Read it anyway" under a refusal in a thread in that thread', async () => {
    const message = { type: 'message', user: 'U0OTHER', ts: '1700000777.000100', text: 'is this one?', files: [harness.api.addFile('doc.png', 'image/png', await png([255, 255, 255]))] };
    await harness.deliverInteraction(messageShortcutPayload(READ_POSTER_CALLBACK, message, COMMAND_CHANNEL, harness.api.responseUrl()));
    const refusal = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === message.ts);
    const blocks = refusal.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    const readAnyway = blocks.find((block) => block.type === 'actions')!.elements![0]!;
    const pressed = { message_ts: '1700000777.000200', thread_ts: message.ts }; // the refusal, in the message's thread
    await harness.deliverInteraction(blockActionPayload(readAnyway.action_id, harness.api.responseUrl(), { value: readAnyway.value }, 'U0PERSON', pressed));
    const card = await harness.api.waitFor('chat.postMessage', (call) => call.body.thread_ts === message.ts && /Predicted IMDb rating/.test(JSON.stringify(call.body.blocks)));
    expect(card.body).toMatchObject({ channel: COMMAND_CHANNEL });

    const url = harness.api.responseUrl();
    await harness.deliverInteraction(blockActionPayload(readAnyway.action_id, url, { value: readAnyway.value }, 'U0SECOND', pressed));
    const again = await responseTo(url);
    expect(again.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/already been pressed/) });
  });

  it('tells only the person who clicked when the poster is no longer kept', async () => {
    const url = harness.api.responseUrl();
    await harness.deliverInteraction(blockActionPayload(`why:${'0'.repeat(64)}`, url, { value: '' }));
    const answer = await responseTo(url);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toMatch(/no longer have that poster/);
  });
});
