import { describe, expect, it } from 'vitest';
import { pageImageLink } from '../../src/core/download/page-image.js';

const PAGE = new URL('https://films.example/title/tt0111161/');
const link = (html: string) => pageImageLink(new TextEncoder().encode(html), PAGE)?.href;

describe('the picture a web page names for previews', () => {
  it('reads og:image with attributes in any order and either quote, resolving it against the page', () => {
    expect(link('<meta property="og:image" content="https://img.example/p.jpg">')).toBe('https://img.example/p.jpg');
    expect(link("<META CONTENT='/posters/p.jpg' PROPERTY='og:image'/>")).toBe('https://films.example/posters/p.jpg');
    expect(link('<meta property=og:image content=p.jpg>')).toBe('https://films.example/title/tt0111161/p.jpg');
  });

  it('decodes entities in the link', () => {
    expect(link('<meta property="og:image" content="https://img.example/p.jpg?w=500&amp;h=750&#38;q=1">')).toBe('https://img.example/p.jpg?w=500&h=750&q=1');
  });

  it('prefers og:image:secure_url, then og:image, then the Twitter card, then image_src', () => {
    const all = [
      '<link rel="image_src" href="/4.jpg">',
      '<meta name="twitter:image" content="/3.jpg">',
      '<meta property="og:image" content="/2.jpg">',
      '<meta property="og:image:secure_url" content="/1.jpg">',
    ];
    expect(link(all.join(''))).toBe('https://films.example/1.jpg');
    expect(link(all.slice(0, 3).join(''))).toBe('https://films.example/2.jpg');
    expect(link(all.slice(0, 2).join(''))).toBe('https://films.example/3.jpg');
    expect(link(all[0]!)).toBe('https://films.example/4.jpg');
  });

  it('skips links the downloader would refuse, and pages that name no picture', () => {
    expect(link('<meta property="og:image" content="data:image/png;base64,AAAA"><meta name="twitter:image" content="/t.jpg">')).toBe('https://films.example/t.jpg');
    expect(link('<meta property="og:image" content="https://user:pw@img.example/p.jpg">')).toBeUndefined();
    expect(link('<meta property="og:image" content="">')).toBeUndefined();
    expect(link('<html><head><title>No preview</title><meta name="description" content="/p.jpg"></head></html>')).toBeUndefined();
  });

  it("prefers the poster a film's structured data names over a preview still (Letterboxd's page)", () => {
    const letterboxd = [
      '<head><meta property="og:image" content="https://img.example/backdrop-1200-675.jpg"></head><body>',
      '<script type="application/ld+json">\n/* <![CDATA[ */\n',
      '{"image":"https://img.example/film-poster/641608-twisters-0-230-0-345-crop.jpg?v=b1","@type":"Movie","name":"Twisters"}',
      '\n/* ]]> */\n</script></body>',
    ].join('');
    expect(link(letterboxd)).toBe('https://img.example/film-poster/641608-twisters-0-230-0-345-crop.jpg?v=b1');
  });

  it('finds a film in a @graph, a list or another node, its image as an ImageObject or a list, resolved against the page', () => {
    const ld = (json: unknown) => `<script type='application/ld+json'>${JSON.stringify(json)}</script>`;
    expect(link(ld({ '@graph': [{ '@type': 'WebPage', image: '/page.jpg' }, { '@type': ['Movie'], image: { '@type': 'ImageObject', url: '/poster.jpg' } }] })))
      .toBe('https://films.example/poster.jpg');
    expect(link(ld([{ '@type': 'TVSeries', image: [{ contentUrl: 'https://img.example/s.jpg' }, '/other.jpg'] }]))).toBe('https://img.example/s.jpg');
    expect(link(ld({ '@type': 'Review', image: '/avatar.jpg', itemReviewed: { '@type': 'Movie', image: '/reviewed.jpg' } }))).toBe('https://films.example/reviewed.jpg');
  });

  it("falls back to the preview tags when the structured data describes no film, names no usable image or is not JSON", () => {
    const og = '<meta property="og:image" content="/og.jpg">';
    const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
    expect(link(og + ld('{"@type":"Article","image":"/lead.jpg"}'))).toBe('https://films.example/og.jpg');
    expect(link(og + ld('{"@type":"Movie","image":"data:image/png;base64,AAAA"}'))).toBe('https://films.example/og.jpg');
    expect(link(og + ld('{"@type":"Movie","image":'))).toBe('https://films.example/og.jpg');
    expect(link(ld('{"@type":"Movie"}'))).toBeUndefined();
    expect(link(og + ld(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe('https://films.example/og.jpg');
  });
});
