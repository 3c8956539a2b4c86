import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Account, Configuration } from 'oidc-provider';
import type { Identity } from './identities';
import { logoutPage, messagePage, pageHeaders } from './pages';

/** SPID's authentication-context class for level 2 (password plus one-time code): what PUSH requires. */
export const SPID_L2 = 'https://www.spid.gov.it/SpidL2';
const SPID_LEVELS = ['https://www.spid.gov.it/SpidL1', SPID_L2, 'https://www.spid.gov.it/SpidL3'];

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Shown on the login page; the client id when absent. */
  name?: string;
}

/**
 * The identities this provider has authenticated, as asserted at login time (a real identity provider
 * answers from its own records, not from the relying party's). In memory, like the provider's sessions.
 */
export class AccountDirectory {
  private readonly identities = new Map<string, Identity>();

  remember(identity: Identity): void {
    this.identities.set(identity.codiceFiscale, identity);
  }

  find(codiceFiscale: string): Account | undefined {
    const identity = this.identities.get(codiceFiscale);
    if (!identity) return undefined;
    return {
      accountId: identity.codiceFiscale,
      // oidc-provider keeps only the claims the granted scopes allow.
      claims: () => ({
        sub: identity.codiceFiscale,
        fiscal_number: `TINIT-${identity.codiceFiscale}`,
        given_name: identity.nome,
        family_name: identity.cognome,
        ...(identity.email ? { email: identity.email } : {}),
        spid_level: SPID_L2,
      }),
    };
  }
}

/** Fresh keys per start: tokens never outlive the in-memory sessions they were issued from. */
function signingKey(): object {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };
}

export function providerConfiguration(clients: readonly ClientRegistration[], accounts: AccountDirectory): Configuration {
  return {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.name ?? client.clientId,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email'],
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub'],
      profile: ['fiscal_number', 'given_name', 'family_name', 'spid_level'],
      email: ['email'],
    },
    acrValues: SPID_LEVELS,
    findAccount: (_ctx, sub) => accounts.find(sub),
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey()] },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          for (const [name, value] of Object.entries(pageHeaders({ withLogoutScript: true }))) ctx.set(name, value);
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource(ctx) {
          for (const [name, value] of Object.entries(pageHeaders())) ctx.set(name, value);
          ctx.body = messagePage('Uscita completata', 'Sei uscito dal servizio di identità digitale di prova.');
        },
      },
    },
    renderError(ctx, out) {
      for (const [name, value] of Object.entries(pageHeaders())) ctx.set(name, value);
      ctx.body = messagePage(
        'Accesso non riuscito',
        `Il servizio di identità non ha potuto completare la richiesta (${out.error}${
          out.error_description ? `: ${out.error_description}` : ''
        }). Torna al servizio e riprova.`,
      );
    },
  };
}
