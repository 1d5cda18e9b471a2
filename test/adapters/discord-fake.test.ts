import { REST, Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { useFakeDiscord } from '../helpers/fake-discord/index.js';

const fakeDiscord = useFakeDiscord();

describe('the fake Discord itself', () => {
  it('records a multipart message: its payload_json and its files', async () => {
    const rest = new REST({ api: fakeDiscord().apiUrl }).setToken(fakeDiscord().token);
    const channelId = fakeDiscord().guilds[0]!.channelId;
    await rest.post(Routes.channelMessages(channelId), { body: { content: 'with a file' }, files: [{ name: 'card.png', data: Buffer.from('png bytes') }] });
    const recorded = await fakeDiscord().waitForRequest((r) => r.path === `/channels/${channelId}/messages`);
    expect(recorded.body).toMatchObject({ content: 'with a file' });
    expect(recorded.files).toEqual([{ field: 'files[0]', filename: 'card.png', size: 9 }]);
  });

  it('refuses a request with the wrong bot token, as Discord does', async () => {
    const rest = new REST({ api: fakeDiscord().apiUrl }).setToken('not-the-token');
    await expect(rest.get(Routes.user())).rejects.toMatchObject({ status: 401 });
  });
});
