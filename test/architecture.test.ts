import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of the project's TypeScript, as repository paths (`src/ml/serving/x.ts`). */
const imports = ['src', 'commands', 'scripts', 'bench', 'test'].flatMap(sourceFiles).flatMap((file) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(IMPORT)].map((match) => ({
    from: file,
    to: relative(root, resolve(root, dirname(file), match[1]!)).replace(/\.js$/, '.ts'),
  })),
);

const crossing = (from: string, to: string) =>
  imports.filter((edge) => edge.from.startsWith(from) && edge.to.startsWith(to)).map((edge) => `${edge.from} -> ${edge.to}`);

describe('the layout keeps its promises', () => {
  it('finds the imports it checks', () => {
    expect(imports.length).toBeGreaterThan(300);
  });

  it('src/ imports nothing from test/ or bench/, so it builds and ships alone', () => {
    expect([...crossing('src/', 'test/'), ...crossing('src/', 'bench/')]).toEqual([]);
  });

  it('tests import nothing from bench/', () => {
    expect(crossing('test/', 'bench/')).toEqual([]);
  });

  it('serving code imports no training code', () => {
    expect(crossing('src/ml/serving/', 'src/ml/training/')).toEqual([]);
  });

  it('the runtime imports neither serving nor training', () => {
    expect([...crossing('src/ml/runtime/', 'src/ml/serving/'), ...crossing('src/ml/runtime/', 'src/ml/training/')]).toEqual([]);
  });

  it('the platform-neutral core imports no adapter, no HTTP and no model code', () => {
    expect(['src/adapters/', 'src/http/', 'src/ml/'].flatMap((layer) => crossing('src/core/', layer))).toEqual([]);
  });
});
