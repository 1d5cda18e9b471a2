import { validateCommands, type CommandDefinition } from '../src/core/command.js';
import { help } from './help.js';
import { poster } from './poster.js';
import { rateReview } from './rate-review.js';

/** Every command, listed by hand so a stray file never becomes a command (a test checks none is missing). */
export const commands: readonly CommandDefinition[] = [poster, rateReview, help];

validateCommands(commands);
