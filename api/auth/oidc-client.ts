import type { Configuration } from 'openid-client' with { 'resolution-mode': 'import' };
import { AppError } from '../errors';

/** openid-client 6 is an ES module: loaded with import() on first use, its types named here. */
export type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The library and the identity provider's discovered configuration, ready for a login. */
export interface OidcConnection {
  lib: OpenIdClient;
  config: Configuration;
}

const DISCOVERY_TIMEOUT_SECONDS = 10;
/** Plain http is tolerated only here: the local test provider; tokens never cross a network in clear. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const identityProviderUnavailable = () =>
  new AppError('IDP_NON_DISPONIBILE', 503, 'Il servizio di identità digitale non risponde: riprova tra qualche istante.');

/**
 * The identity provider's configuration, discovered on first use rather than at start-up: the API may
 * come up before the provider answers, and must not fail for it. A failed discovery is logged and
 * answered 503; the next request tries again.
 */
export class OidcClient {
  private connection: Promise<OidcConnection> | undefined;

  constructor(private readonly settings: OidcSettings) {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname))) {
      throw new Error(`OIDC issuer ${settings.issuer} must use https (plain http only for a provider on this machine)`);
    }
  }

  connect(): Promise<OidcConnection> {
    this.connection ??= this.discover().catch((error: unknown) => {
      this.connection = undefined;
      console.error(`[auth] discovery of ${this.settings.issuer} failed; retrying on the next request`, error);
      throw identityProviderUnavailable();
    });
    return this.connection;
  }

  private async discover(): Promise<OidcConnection> {
    const lib = await import('openid-client');
    const issuer = new URL(this.settings.issuer);
    const config = await lib.discovery(
      issuer,
      this.settings.clientId,
      { client_secret: this.settings.clientSecret },
      lib.ClientSecretBasic(this.settings.clientSecret),
      {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        execute: issuer.protocol === 'http:' ? [lib.allowInsecureRequests] : [],
      },
    );
    return { lib, config };
  }
}
