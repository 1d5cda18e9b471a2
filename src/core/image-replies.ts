import type { ImageReplyMode } from '../config.js';

/**
 * Whether an image posted in a channel (not a DM, not a command) gets looked at: `auto` always (and then only a
 * poster is answered), `mention` when the message mentions the bot or replies to it, `off` never.
 */
export const answersPostedImages = (mode: ImageReplyMode, mentioned: boolean): boolean => mode === 'auto' || (mode === 'mention' && mentioned);
