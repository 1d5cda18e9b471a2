import { beforeAll, describe, expect, it } from 'vitest';
import { looksNotEnglish } from '../../../src/ml/serving/review/language.js';
import { readReviewTokenizer } from '../../../src/ml/serving/review/metadata.js';
import type { ReviewTokenizer } from '../../../src/ml/serving/review/tokenizer.js';

describe('is a review in a language the shipped review model reads?', () => {
  let tokenizer: ReviewTokenizer;
  beforeAll(async () => {
    tokenizer = await readReviewTokenizer('models/review');
  });
  const notEnglish = (text: string) => looksNotEnglish(text, tokenizer);

  it.each([
    'Una película horrible, muy aburrida y demasiado larga.',
    'Ein schrecklicher Film, totale Zeitverschwendung.',
    'Les acteurs jouent très bien mais le scénario est faible.',
    'Gli attori sono bravi ma la trama è debole.',
    'Que filme chato, não recomendo a ninguém.',
    'Wat een saaie film, zonde van mijn tijd.',
  ])('refuses %s', (text) => {
    expect(notEnglish(text)).toBe(true);
  });

  it.each([
    'Great movie!',
    'Boring af lol',
    'Mid. Mad overhyped tbh',
    '10/10 banger, no cap',
    'lowkey a banger ngl',
    'Absolute cinema 🔥🔥🔥',
    'Scorsese, De Niro, Pesci, Pacino: what more do you want',
    'Cinematography: chef\'s kiss. Plot: yikes.',
    'Zendaya and Timothée have zero chemistry',
    'stultifyingly , dumbfoundingly , mind-numbingly bad .',
    'holden caulfield did it better .',
    // Too short to tell: rated as it is.
    'Génial !',
    'Schrecklich.',
  ])('reads %s', (text) => {
    expect(notEnglish(text)).toBe(false);
  });
});
