import { safeReturnTo } from '../../../api/auth/return-to';

test.each([
  ['/', '/'],
  ['/pratiche', '/pratiche'],
  ['/pratiche/123?tab=documenti#allegati', '/pratiche/123?tab=documenti#allegati'],
  ['/a/../b', '/b'],
])('when returnTo is the same-site path %p, then login returns to %p', (value, expected) => {
  expect(safeReturnTo(value)).toBe(expected);
});

test.each([
  ['https://evil.example/'],
  ['//evil.example/x'],
  ['/\\evil.example/x'],
  ['\\\\evil.example'],
  ['javascript:alert(1)'],
  ['pratiche'],
  ['/pratiche\n/x'],
  ['/\t/evil.example'],
  [''],
  [undefined],
  [['/a', '/b']],
  [`/${'x'.repeat(2001)}`],
  // Paths that only become another host once normalised: `//evil.example` is protocol-relative.
  ['/.//evil.example'],
  ['/%2e//evil.example'],
  ['/%2E%2E//evil.example'],
  ['/a/..//evil.example'],
  ['/..//evil.example'],
  ['/.\\/evil.example'],
  ['/./\\evil.example'],
  ['/.\t//evil.example'],
  ['/\t\t/evil.example'],
])('when returnTo is %p, then login returns to the home page', (value) => {
  expect(safeReturnTo(value)).toBe('/');
});
