/** Sends the browser to sign in (SPID/CIE through the API), coming back to `returnTo` afterwards. */
export function redirectToLogin(returnTo: string): void {
  window.location.assign(`/auth/login?${new URLSearchParams({ returnTo }).toString()}`);
}
