import { validateCommands, type CommandDefinition } from '../src/core/command.js';
import { forgetMe } from './forget-me.js';
import { help } from './help.js';
import { poster } from './poster.js';
import { rateReview } from './rate-review.js';
import { settings } from './settings.js';

/** Every command, listed by hand so a stray file never becomes a command (a test checks none is missing). */
export const commands: readonly CommandDefinition[] = [poster, rateReview, settings, forgetMe, help];

validateCommands(commands);
