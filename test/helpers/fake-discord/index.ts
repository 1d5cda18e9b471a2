export { FakeDiscord, startFakeDiscord, TEST_USER, useFakeDiscord, type FakeDiscordOptions } from './server.js';
export type { Fault, RecordedRequest } from './rest.js';
export type { AttachmentPayload } from './payloads.js';
