// A procedure's rule refusing a request before anything starts (an ente already accredited, a request
// already pending): the procedure's code says why, in Italian, naming the field; the API answers it.
export class RequestRefused extends Error {
  constructor(
    readonly code: string,
    /** A conflict with what exists (409), or data that cannot be right (422). */
    readonly kind: 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}
