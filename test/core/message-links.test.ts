import { describe, expect, it } from 'vitest';
import { linkSources, MAX_MESSAGE_LINKS, messageLinks } from '../../src/core/message-links.js';

describe('links in a chat message', () => {
  it('finds bare, Discord <url> and Slack <url|label> links, in order, each once', () => {
    const text = 'look https://a.example/p.jpg, and <https://b.example/title/tt1/> or <https://c.example/x?a=1&amp;b=2|the poster> https://a.example/p.jpg';
    expect(messageLinks(text)).toEqual(['https://a.example/p.jpg', 'https://b.example/title/tt1/', 'https://c.example/x?a=1&b=2']);
  });

  it('leaves sentence punctuation off, and keeps only http(s) links', () => {
    expect(messageLinks('Poster: (https://a.example/p.jpg). ftp://b.example/p.jpg <mailto:x@y.z>')).toEqual(['https://a.example/p.jpg']);
  });

  it('keeps a closing parenthesis that belongs to the link', () => {
    expect(messageLinks('(see https://en.wikipedia.org/wiki/Alien_(film)).')).toEqual(['https://en.wikipedia.org/wiki/Alien_(film)']);
  });

  it(`reads at most ${MAX_MESSAGE_LINKS}`, () => {
    expect(messageLinks([1, 2, 3, 4, 5].map((n) => `https://a.example/${n}.jpg`).join(' '))).toHaveLength(MAX_MESSAGE_LINKS);
  });

  it('finds none in plain text', () => {
    expect(messageLinks('no links here, just text about https and www')).toEqual([]);
  });
});

describe("a message's links with the platform's previews of them", () => {
  it('pairs each link with the preview of the same page, whatever the host calls itself (x.com, twitter.com)', () => {
    const previews = [
      { url: 'https://twitter.com/studio/status/123', image: 'https://media.example/poster.jpg' },
      { url: 'https://example.com', image: 'https://media.example/home.jpg' },
    ];
    expect(linkSources('new poster https://x.com/studio/status/123/?s=20 and https://films.example/ and https://example.com/', previews)).toEqual([
      { kind: 'url', url: 'https://x.com/studio/status/123/?s=20', origin: 'user', preview: 'https://media.example/poster.jpg' },
      { kind: 'url', url: 'https://films.example/', origin: 'user' },
      { kind: 'url', url: 'https://example.com/', origin: 'user', preview: 'https://media.example/home.jpg' },
    ]);
  });
});
