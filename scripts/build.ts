/**
 * Compiles src/ and commands/ to JavaScript in dist/ for `npm start` (run by `prestart`), so the bot and its
 * inference workers run plain JS instead of compiling TypeScript at run time in every thread (less memory, faster
 * start). Transpile only: `npm test` type-checks. Takes well under a second. dist/ is written over, never emptied
 * first: another bot started from this folder may be running from it (a replacement inference worker loads its file
 * then), and a file left from a deleted module is imported by nothing.
 *
 *   npm run build                 into dist/
 *   npm run build -- --out DIR    elsewhere (inside the project, so node_modules resolves)
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const OUT = parseArgs({ options: { out: { type: 'string', default: 'dist' } } }).values.out;
const SOURCES = ['src', 'commands'];

const typescriptFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).map((file) => join(dir, file));

await build({
  entryPoints: SOURCES.flatMap(typescriptFiles),
  outdir: OUT,
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync('src/http/public', join(OUT, 'src/http/public'), { recursive: true });
