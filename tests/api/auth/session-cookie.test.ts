import { sessionIdOf, signedCookieValue } from '../../../api/auth/session-cookie';

// The cookie keeps the format express-session gave it (cookie-signature's), so sessions opened before survive.

const SECRET = 'segreto-di-prova-lungo-almeno-32-caratteri';
const SID = 'Zm9vYmFyYmF6cXV1eGNvcmdlZ3JhdWx0';
// Signed by cookie-signature 1.0.7 (express-session 1.19) with SECRET and URL-encoded as it set it.
const SIGNED_BEFORE = 's%3AZm9vYmFyYmF6cXV1eGNvcmdlZ3JhdWx0.Uk3HKrmOVVQ5t5LSVzqI%2Bf3wVzvP%2FRQeTwSk0LnlWvg';

test('when a session id is signed, then the value is the one express-session set, and it reads back', () => {
  expect(signedCookieValue(SID, SECRET)).toBe(SIGNED_BEFORE);
  expect(sessionIdOf(`tema=scuro; push.sid=${SIGNED_BEFORE}; altro=1`, SECRET)).toEqual({ sid: SID, cookieValue: SIGNED_BEFORE });
  expect(sessionIdOf(`push.sid=${SIGNED_BEFORE}`, SECRET)?.sid).toBe(SID);
});

test('when the cookie is missing, altered, signed with another secret or malformed, then there is no session id', () => {
  const signature = SIGNED_BEFORE.slice(SIGNED_BEFORE.indexOf('.'));
  const otherSid = `${SID.slice(0, -1)}y`;
  const cases = [
    undefined,
    '',
    'tema=scuro',
    `push.sid=s%3A${otherSid}${signature}`,
    `push.sid=${SIGNED_BEFORE.slice(0, -1)}`,
    `push.sid=${SIGNED_BEFORE}A`,
    `push.sid=${signedCookieValue(SID, `${SECRET}-altro`)}`,
    `push.sid=${SID}`,
    `push.sid=s%3A`,
    'push.sid=%E0%A4%A',
    `xpush.sid=${SIGNED_BEFORE}`,
  ];
  for (const header of cases) expect(sessionIdOf(header, SECRET)).toBeUndefined();
});
