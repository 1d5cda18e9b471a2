import { UserFacingError } from '../reply.js';

export type DownloadProblem =
  | 'bad-url'
  | 'host-not-allowed'
  | 'private-address'
  | 'dns'
  | 'network'
  | 'http-status'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'too-large'
  | 'timeout'
  | 'web-page';

/** A download refused or failed; `problem` is for logs, metrics and tests, the message for the user. */
export class DownloadError extends UserFacingError {
  constructor(
    readonly problem: DownloadProblem,
    message: string,
    /** What went wrong underneath, for the operator's logs; never shown to the user. */
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}
