// The load driver's HTTP side: signed-in people whose requests are retried, as a browser's are, when
// the platform is down — with the same Idempotency-Key on every attempt — bounded in count and time.
import { signIn, type ApiSession } from '../../tests/support/sign-in';
import type { Platform } from './platform';

export interface ClientStats {
  requests: number;
  /** Attempts repeated because the platform did not answer or answered 5xx. */
  retries: number;
  /** Requests given up after the bounds. */
  gaveUp: number;
  signIns: number;
}

export interface Answer<T> {
  status: number;
  body: T;
  /** The attempt that answered: > 1 means an earlier attempt may have taken effect. */
  attempt: number;
}

const MAX_ATTEMPTS = 40;
const MAX_MS = 240_000;
const ATTEMPT_TIMEOUT_MS = 30_000;
const RETRYABLE = new Set([500, 502, 503, 504]);

export class GaveUp extends Error {}

export class ResilientClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, gaveUp: 0, signIns: 0 };

  /** `platform`: where the API is, and a wait for it to be up again (the chaos run's restarts). */
  constructor(private readonly platform: Pick<Platform, 'baseUrl' | 'whenUp'>) {}

  /** Repeats `attempt` until it answers something other than "the platform is down", within the bounds. */
  private async retrying<T>(label: string, attempt: (n: number) => Promise<T | 'retry'>): Promise<{ value: T; attempt: number }> {
    const started = Date.now();
    let last = '';
    for (let n = 1; n <= MAX_ATTEMPTS && Date.now() - started < MAX_MS; n++) {
      if (n > 1) {
        this.stats.retries++;
        // Wait for the platform to be back (an event) before trying again, then back off a little.
        await this.platform.whenUp(MAX_MS - (Date.now() - started));
        await new Promise((resolve) => setTimeout(resolve, Math.min(3_000, 200 * 2 ** Math.min(n, 4))));
      }
      try {
        const value = await attempt(n);
        if (value !== 'retry') return { value, attempt: n };
        last = 'answered 5xx';
      } catch (error) {
        last = `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
    this.stats.gaveUp++;
    throw new GaveUp(`${label}: gave up after ${MAX_ATTEMPTS} attempts or ${MAX_MS / 1000} s (last: ${last})`);
  }

  async signIn(codiceFiscale: string, newPerson?: { nome: string; cognome: string }): Promise<ApiSession> {
    const { value } = await this.retrying(`sign-in ${codiceFiscale}`, async () => {
      const session = await signIn(this.platform.baseUrl, codiceFiscale, newPerson);
      this.stats.signIns++;
      return session;
    });
    return value;
  }

  /** One API call; `body` is JSON or a FormData; `idempotencyKey` is sent on every attempt. */
  async call<T = unknown>(session: ApiSession, method: string, path: string, options: { body?: unknown; idempotencyKey?: string } = {}): Promise<Answer<T>> {
    this.stats.requests++;
    const { value, attempt } = await this.retrying(`${method} ${path}`, async () => {
      const isForm = options.body instanceof FormData;
      const headers: Record<string, string> = {};
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
      const response = await session.fetch(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = await response.text();
      if (RETRYABLE.has(response.status)) return 'retry' as const;
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text, the caller reports it
      }
      return { status: response.status, body: body as T };
    });
    return { ...value, attempt };
  }
}
