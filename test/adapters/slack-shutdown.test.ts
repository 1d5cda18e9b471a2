import { describe, expect, it } from 'vitest';
import { BLUE, solid } from '../helpers/image-corpus.js';
import { eventCallback, fileShareEvent } from '../helpers/fake-slack/events.js';
import { startSlackHarness, type SlackMode } from '../helpers/fake-slack/slack-harness.js';

describe.each<SlackMode>(['http', 'socket'])('Slack shutdown (%s mode)', (mode) => {
  it('finishes the reply in flight before stop() resolves, then takes no new events', async () => {
    const harness = await startSlackHarness(mode);
    const { posterPredictor } = harness.testBot;
    const predict = posterPredictor.predict.bind(posterPredictor);
    posterPredictor.predict = async (images) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return predict(images);
    };
    try {
      const file = harness.api.addFile('slow.png', 'image/png', await solid(40, 60, BLUE).png().toBuffer());
      await harness.deliverEvent(fileShareEvent('CSLOW', [file]));
      await harness.connection.stop();

      expect(harness.api.callsOf('chat.postMessage').filter((call) => call.body.channel === 'CSLOW')).toHaveLength(1);
      expect(harness.connection.isHealthy()).toBe(false);
      if (mode === 'http') expect((await harness.events!.postEvent(eventCallback(fileShareEvent('CLATE', [file])))).status).toBe(503);
      else expect(harness.socket!.openConnections).toBe(0);
    } finally {
      await harness.close();
    }
  });
});
