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
