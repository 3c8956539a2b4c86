const PLACEHOLDER_ORIGIN = 'http://push.invalid';

/** A path of this site: one leading slash, not `//host` or `/\host` (which browsers read as another host). */
const isSitePath = (value: string) => value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');

/**
 * Where to go after login: only a path on this site. Anything else (another origin, `//host`,
 * `/\host`, a scheme, control characters) falls back to the home page, so the login link cannot be
 * turned into an open redirect. The check runs again on the normalised path that is returned:
 * `/.//evil.example`, `/%2e//x` and `/a/..//x` normalise to `//…`, another host.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !isSitePath(value)) return '/';
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  const url = new URL(value, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  return isSitePath(normalised) ? normalised : '/';
}
