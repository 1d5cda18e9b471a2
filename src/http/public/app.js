// The local page: sends posters and reviews to the JSON API and shows each answer as a result card.
const $ = (id) => document.getElementById(id);
const results = $('results');
const MAX_CARDS = 6;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

/**
 * POSTs to the API and returns the answer, or shows its refusal in `errorBox` and returns undefined. `onRefusal`
 * may add a control to the refusal (it gets the refusal's JSON).
 */
async function callApi(path, init, errorBox, button, onRefusal = () => []) {
  errorBox.hidden = true;
  button.disabled = true;
  results.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(path, { method: 'POST', ...init });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(body.error ?? `MovieBot answered ${response.status}.`), { body });
    return body;
  } catch (error) {
    errorBox.replaceChildren(error instanceof TypeError ? "Couldn't reach MovieBot: is it still running?" : error.message, ...onRefusal(error.body ?? {}));
    errorBox.hidden = false;
    return undefined;
  } finally {
    button.disabled = false;
    results.setAttribute('aria-busy', 'false');
  }
}

function stars(rating) {
  const fill = el('span', { textContent: '★★★★★' });
  fill.style.width = `${Math.min(100, Math.max(0, rating * 10))}%`;
  return el('span', { className: 'stars', textContent: '★★★★★', 'aria-hidden': 'true' }, fill);
}

/** `typicalError`: a poster rating's give-or-take (the API's `ratingTypicalError`), shown as the bots show it. */
const ratingLine = (label, rating, typicalError) =>
  el('p', { className: 'rating' }, el('span', { className: 'rating-label', textContent: label }), stars(rating),
    el('span', { className: 'rating-value', textContent: `${rating.toFixed(1)} / 10` }),
    ...(typicalError === undefined ? [] : [el('span', { className: 'rating-error', textContent: `(give or take ${typicalError.toFixed(1)})` })]));

function genreRow([genre, probability]) {
  const percent = Math.round(probability * 100);
  const fill = el('span');
  fill.style.width = `${percent}%`;
  return el('li', {}, el('span', { className: 'genre-name', textContent: genre }),
    el('span', { className: 'bar', 'aria-hidden': 'true' }, fill), el('span', { className: 'percent', textContent: `${percent}%` }));
}

function show(card) {
  results.prepend(card);
  while (results.children.length > MAX_CARDS) {
    const removed = results.lastElementChild;
    removed.querySelectorAll('img.thumb').forEach((img) => img.dataset.poster?.startsWith('blob:') && URL.revokeObjectURL(img.dataset.poster));
    removed.remove();
  }
}

/** A training poster as a link to its IMDb page. */
const imdbLink = ({ id, title, year }) =>
  el('a', { href: `https://www.imdb.com/title/${encodeURIComponent(id)}/`, target: '_blank', rel: 'noopener noreferrer',
    textContent: year === undefined ? title : `${title} (${year})` });

/** The training posters that look most like this one. */
const similarList = (similar) =>
  el('p', { className: 'similar' }, el('span', { className: 'rating-label', textContent: 'Looks like ' }),
    ...similar.flatMap((poster, index) => [...(index > 0 ? [' · '] : []), imdbLink(poster)]));

/** What the recognised film really is, as recognisedFacts in src/core/reply.ts words it for the chat cards. */
const recognisedFacts = ({ rating, genres }) => {
  const facts = [
    ...(rating === undefined ? [] : [`rated ${rating.toFixed(1)}`]),
    ...(genres === undefined || genres.length === 0 ? [] : [`listed as ${genres.join(', ')}`]),
  ];
  return facts.length === 0 ? [] : [`, ${facts.join(' and ')} on IMDb`];
};

/** The training poster this very image shows, when the bot recognised it. */
const recognisedLine = (poster) =>
  el('p', { className: 'recognised' }, el('span', { className: 'rating-label', textContent: "That's the poster of " }), imdbLink(poster),
    ...recognisedFacts(poster));

/**
 * "Why?": swaps the thumbnail for the heat map of the top genre and back. The heat map costs a backward pass, so it
 * is fetched (the same image, with ?explain=1) only the first time it is asked for.
 */
function whyToggle(thumb, requestInit) {
  const caption = el('p', { className: 'why-caption', hidden: true });
  const button = el('button', { type: 'button', className: 'why', textContent: 'Why?', 'aria-pressed': 'false' });
  const errorBox = el('p', { className: 'error', role: 'alert', hidden: true });
  let overlay;
  button.addEventListener('click', async () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    if (on && overlay === undefined) {
      const body = await callApi('/api/poster?explain=1', requestInit(), errorBox, button);
      if (!body?.overlay) return;
      overlay = body.overlay;
      caption.textContent = `Why ${body.heatmap.genre}? The warmer an area, the more it made me think ${body.heatmap.genre}.`;
    }
    thumb.src = on ? overlay : thumb.dataset.poster;
    // A picture the browser cannot show (a HEIC photo in Chrome) stays hidden, but its heat map shows.
    thumb.hidden = !on && thumb.dataset.unshown === 'true';
    button.setAttribute('aria-pressed', String(on));
    caption.hidden = !on;
  });
  return el('div', { className: 'why-row' }, button, caption, errorBox);
}

/** `requestInit` is how to send the image again for "Why?"; a poster cut out of a picture of several has none. */
function posterCard(result, title, imageSrc, requestInit) {
  const thumb = el('img', { className: 'thumb', src: imageSrc, alt: `Poster: ${title}` });
  thumb.dataset.poster = imageSrc;
  thumb.addEventListener('error', () => {
    if (thumb.src !== imageSrc) return;
    thumb.hidden = true;
    thumb.dataset.unshown = 'true';
  });
  return el('article', { className: 'card poster' }, thumb,
    el('div', { className: 'body' }, el('h3', { textContent: title }),
      el('ol', { className: 'genres', 'aria-label': 'Top 3 genres' }, ...result.top3.map(genreRow)),
      ratingLine('Predicted IMDb rating', result.rating, result.ratingTypicalError),
      ...(result.warning ? [el('p', { className: 'forced-read', textContent: result.warning })] : []),
      ...(result.recognised ? [recognisedLine(result.recognised)] : []),
      ...(result.similar?.length ? [similarList(result.similar)] : []),
      ...(requestInit ? [whyToggle(thumb, requestInit)] : [])));
}

/** A refusal of a non-poster (it carries the gate's score) offers to read the image anyway, as the chat bots do. */
function readAnywayButton(refusal, readAnyway) {
  if (refusal.poster === undefined) return [];
  const button = el('button', { type: 'button', className: 'read-anyway', textContent: 'Read it anyway' });
  button.addEventListener('click', readAnyway, { once: true });
  return [' ', button];
}

async function analysePoster(requestInit, title, imageSrc, force = false) {
  let offered = false;
  const body = await callApi(force ? '/api/poster?force=1' : '/api/poster', requestInit(), $('poster-error'), $('poster-url-form').querySelector('button'),
    (refusal) => {
      const control = readAnywayButton(refusal, () => analysePoster(requestInit, title, imageSrc, true));
      offered = control.length > 0;
      return control;
    });
  if (body?.posters) {
    // A picture of several posters: one group of cards under the heading, each with its own poster cut out, kept or
    // dropped from the page as one answer.
    show(el('section', { className: 'group', 'aria-label': body.message }, el('p', { className: 'group-heading', textContent: body.message }),
      ...body.posters.map((poster) => posterCard(poster, `${title}: ${poster.label}`, poster.image))));
    if (imageSrc.startsWith('blob:')) URL.revokeObjectURL(imageSrc);
  } else if (body) show(posterCard(body, title, imageSrc, requestInit));
  else if (!offered && imageSrc.startsWith('blob:')) URL.revokeObjectURL(imageSrc);
}

function analyseFile(file) {
  if (!file) return;
  const init = () => ({ body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
  void analysePoster(init, file.name || 'Pasted image', URL.createObjectURL(file));
}

function analyseUrl(url) {
  const init = () => ({ body: JSON.stringify({ url }), headers: { 'content-type': 'application/json' } });
  void analysePoster(init, url.split(/[?#]/)[0].split('/').pop() || url, url);
}

const dropZone = $('drop-zone');
$('poster-file').addEventListener('change', (event) => {
  analyseFile(event.target.files[0]);
  event.target.value = '';
});
dropZone.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropZone.classList.add('dragging');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  const [file] = event.dataTransfer.files;
  const link = event.dataTransfer.getData('text/uri-list').split('\n')[0].trim();
  if (file) analyseFile(file);
  else if (link) analyseUrl(link);
});
document.addEventListener('paste', (event) => {
  const file = [...(event.clipboardData?.files ?? [])].find((candidate) => candidate.type.startsWith('image/'));
  if (!file) return;
  event.preventDefault();
  analyseFile(file);
});
$('poster-url-form').addEventListener('submit', (event) => {
  event.preventDefault();
  analyseUrl($('poster-url').value.trim());
});

/**
 * The words that moved the rating, green for up, red for down, as the API returns them (largest first); those
 * under 0.05, which one decimal would show as "−0.0", are left out, as on Discord and Slack.
 */
const wordList = (words) =>
  el('ul', { className: 'words', 'aria-label': 'Words that moved the rating' }, ...words.filter(({ weight }) => Math.abs(weight) >= 0.05).map(({ word, weight }) =>
    el('li', { className: weight >= 0 ? 'up' : 'down', textContent: `${word} ${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(1)}` })));

// Ctrl+Enter (⌘+Enter on a Mac) sends the review, as chat boxes do; Enter alone starts a new line of it.
$('review-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('review-form').requestSubmit();
});

$('review-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('review-text').value;
  const body = await callApi('/api/review', { body: JSON.stringify({ text, explain: true }), headers: { 'content-type': 'application/json' } },
    $('review-error'), event.target.querySelector('button'));
  if (body) {
    show(el('article', { className: 'card review' },
      el('div', { className: 'body' }, el('h3', { textContent: 'Review' }), el('blockquote', { textContent: text.trim() }),
        ratingLine('Rating', body.rating),
        ...(body.stated ? [el('p', { className: 'stated', textContent: `The score the review gives itself (${body.stated}).` })] : []),
        ...(body.noClearOpinion ? [el('p', { className: 'no-opinion', textContent: "Nothing in it leans either way, so the rating sits near the middle. I rate what a review says; I don't look films up by name." })] : []),
        ...(body.readAs && (body.words ?? []).length > 0 ? [el('p', { className: 'read-as', textContent: `Read as “${body.readAs}”` })] : []),
        wordList(body.words ?? []))));
  }
});
