import { ApiError, type FieldProblem } from './errors';
import { redirectToLogin } from './login';

type QueryParams = Record<string, string | number | null | undefined>;

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** The auth guard handles a missing session itself; every other call sends the browser to sign in. */
  redirectOnUnauthorized?: boolean;
  /** Headers of the call on top of the usual ones (an Idempotency-Key). */
  headers?: Record<string, string>;
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string; dettagli?: FieldProblem[] };
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | undefined;

/** The session's anti-CSRF token (from /api/me), sent on every request that changes something. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function headersFor(method: string, jsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (jsonBody) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown, redirectOnUnauthorized: boolean): ApiError {
  if (status === 401 && redirectOnUnauthorized) {
    redirectToLogin(window.location.pathname + window.location.search);
  }
  const error = (payload as ErrorBody | undefined)?.error;
  return new ApiError(status, error?.code, error?.message, error?.field, error?.dettagli);
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const jsonBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers: { ...headersFor(method, jsonBody), ...options.headers },
      body: jsonBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, undefined);
  }
  const payload = parseJson(await response.text());
  if (!response.ok) throw toApiError(response.status, payload, options.redirectOnUnauthorized ?? true);
  return payload as T;
}

export const http = {
  get: <T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Pick<RequestOptions, 'headers'>) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Sends multipart form data with XMLHttpRequest, whose upload events (unlike fetch's) report progress.
 * `onProgress` receives the fraction sent, from 0 to 1.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void, headers: Record<string, string> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries({ ...headersFor('POST', false), ...headers })) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      const payload = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(toApiError(xhr.status, payload, true));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, undefined)));
    xhr.send(form);
  });
}

/**
 * A new `Idempotency-Key` header for one submission attempt of a form that starts a procedure: should
 * the request be sent again (a retry after a lost answer), the platform answers with the first result.
 * getRandomValues, unlike randomUUID, also works on plain http.
 */
export function idempotencyKey(): Record<string, string> {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return { 'Idempotency-Key': Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') };
}
