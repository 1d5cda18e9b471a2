// The ids chat components carry back to the bot: feedback controls, "Why?" and "Read it anyway".

/** What a feedback control does: 👍, 👎, or the genre correction that follows a 👎. */
export type FeedbackAction = 'up' | 'down' | 'genres';

const PREFIX = 'feedback';
const ACTIONS: readonly FeedbackAction[] = ['up', 'down', 'genres'];

/** The id a button or menu carries (Discord custom_id, Slack action value): `feedback:<action>:<answerId>`. */
export const feedbackId = (action: FeedbackAction, answerId: string): string => `${PREFIX}:${action}:${answerId}`;

export function parseFeedbackId(id: string): { action: FeedbackAction; answerId: string } | undefined {
  const [prefix, action, answerId] = id.split(':');
  if (prefix !== PREFIX || !ACTIONS.includes(action as FeedbackAction) || answerId === undefined || answerId === '') return undefined;
  return { action: action as FeedbackAction, answerId };
}

/** A button about a kept image: `<prefix>:<posterId>`, the id being the image's SHA-256 (64 hex digits). */
export interface KeptImageButton {
  readonly prefix: string;
  id(posterId: string): string;
  parse(id: string): string | undefined;
}

function keptImageButton(prefix: string): KeptImageButton {
  return {
    prefix,
    id: (posterId: string): string => `${prefix}:${posterId}`,
    parse(id: string): string | undefined {
      const [idPrefix, posterId] = id.split(':');
      return idPrefix === prefix && posterId !== undefined && /^[0-9a-f]{64}$/.test(posterId) ? posterId : undefined;
    },
  };
}

/** A poster answer's "Why?" button (the answer's `whyId`). */
export const WHY_BUTTON = keptImageButton('why');
export const { id: whyId } = WHY_BUTTON;

/** The "Read it anyway" button of a "not a movie poster" refusal (its `notAPoster.keptId`). */
export const READ_ANYWAY_BUTTON = keptImageButton('anyway');
export const { id: readAnywayId } = READ_ANYWAY_BUTTON;
