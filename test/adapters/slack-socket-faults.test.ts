import { afterEach, describe, expect, it } from 'vitest';
import { RED, solid } from '../helpers/image-corpus.js';
import { fileShareEvent } from '../helpers/fake-slack/events.js';
import { startSlackHarness, type SlackHarness } from '../helpers/fake-slack/slack-harness.js';
import { waitUntil } from '../helpers/fake-slack/wait-until.js';

describe('Slack Socket Mode reconnections under faults', () => {
  let harness: SlackHarness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('keeps trying when Slack refuses apps.connections.open during a reconnection, then answers again', async () => {
    harness = await startSlackHarness('socket');
    const socket = harness.socket!;
    harness.api.failNext('apps.connections.open', { error: 'invalid_auth' });
    socket.dropConnections();
    await waitUntil(() => harness!.testBot.logs.text.includes('slack socket mode reconnection failed'), 'the failure is logged');
    expect(harness.connection.isHealthy()).toBe(false);
    await waitUntil(() => harness!.connection.isHealthy(), 'the bot is connected again');

    const file = harness.api.addFile('back.png', 'image/png', await solid(40, 60, RED).png().toBuffer());
    await harness.deliverEvent(fileShareEvent('CBACK', [file]));
    const reply = await harness.api.waitFor('chat.postMessage', (call) => call.body.channel === 'CBACK');
    expect(JSON.stringify(reply.body.blocks)).toContain('Predicted IMDb rating');
  });

  it('stops cleanly while a reconnection is in flight, and closes the socket that opens late', async () => {
    harness = await startSlackHarness('socket');
    const socket = harness.socket!;
    const opens = () => harness!.api.callsOf('apps.connections.open').length;
    const opensBefore = opens();
    harness.api.failNext('apps.connections.open', { delayMs: 1_000 });
    socket.dropConnections();
    await waitUntil(() => opens() > opensBefore, 'the bot asks for a new socket URL');

    await harness.connection.stop();
    expect(harness.connection.isHealthy()).toBe(false);
    await waitUntil(() => socket.connectionCount === 2 && socket.openConnections === 0, 'the late socket is closed');
  });
});
