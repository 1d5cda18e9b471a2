/**
 * npx tsx scripts/add-english-words.ts [--model DIR]
 * Tells a review model saved before its tokenizer knew GloVe's English words (train:review records them now) which
 * words beyond its vocabulary are English, so it respells one-liners' misspelt words as a newly trained model does.
 * The weights are untouched; tokenizer.json is rewritten.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gloveEnglishWords } from '../src/ml/training/review/glove.js';
import { readReviewMetadata, writeReviewMetadata } from '../src/ml/serving/review/metadata.js';
import { ReviewTokenizer } from '../src/ml/serving/review/tokenizer.js';
import { errorMessage } from '../src/util/error-message.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return void process.stdout.write('Usage: npx tsx scripts/add-english-words.ts [--model DIR] (models/review)\n');
  const modelDir = values.model ?? join('models', 'review');
  const { metadata, tokenizer } = await readReviewMetadata(modelDir);
  const updated = ReviewTokenizer.fromConfig(tokenizer).withEnglishWords(await gloveEnglishWords());
  await writeReviewMetadata(modelDir, metadata, updated.config);
  process.stdout.write(`${modelDir}: ${updated.config.englishWords?.length ?? 0} English words beyond the vocabulary of ${tokenizer.words.length}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`add-english-words failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
