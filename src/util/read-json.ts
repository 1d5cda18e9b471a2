import { readFile } from 'node:fs/promises';
import { errorMessage } from './error-message.js';

/** Reads and parses a JSON file, naming the file in the error when it is missing or malformed. */
export async function readJsonFile(path: string, what = 'file'): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${what} ${path}: ${errorMessage(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
}
