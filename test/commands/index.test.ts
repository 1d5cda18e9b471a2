import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { defineCommand, validateCommands } from '../../src/core/command.js';

const commandsDir = fileURLToPath(new URL('../../commands', import.meta.url));
const noop = async () => {};

describe('the command list', () => {
  it('lists every file in commands/', async () => {
    const files = readdirSync(commandsDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts');
    for (const file of files) {
      const module = (await import(pathToFileURL(join(commandsDir, file)).href)) as Record<string, unknown>;
      for (const definition of Object.values(module)) expect(commands).toContain(definition);
    }
    expect(commands).toHaveLength(files.length);
  });

  it('refuses duplicate and malformed definitions', () => {
    const ok = defineCommand({ name: 'ok', description: 'fine', options: [], run: noop });
    expect(() => validateCommands([ok, ok])).toThrow(/defined twice/);
    expect(() => validateCommands([{ ...ok, name: 'Bad Name' }])).toThrow(/name/);
    expect(() =>
      validateCommands([
        {
          ...ok,
          options: [
            { name: 'a', type: 'string', description: 'optional' },
            { name: 'b', type: 'string', description: 'required', required: true },
          ],
        },
      ]),
    ).toThrow(/follows an optional/);
  });
});
