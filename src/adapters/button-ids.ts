// The ids chat components carry back to the bot: feedback controls and the "Why?" button.

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

const WHY_PREFIX = 'why';

/** The id of a poster answer's "Why?" button: `why:<posterId>` (the answer's `whyId`, 64 hex digits). */
export const whyId = (posterId: string): string => `${WHY_PREFIX}:${posterId}`;

export function parseWhyId(id: string): string | undefined {
  const [prefix, posterId] = id.split(':');
  return prefix === WHY_PREFIX && posterId !== undefined && /^[0-9a-f]{64}$/.test(posterId) ? posterId : undefined;
}
