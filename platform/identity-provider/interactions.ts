import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import type { errors, Interaction, Provider } from 'oidc-provider';
import { z } from 'zod';
import { text } from '../../api/validation';
import type { Db } from '../../prisma/client';
import { type AccountDirectory, SPID_L2 } from './configuration';
import { findIdentity, listIdentities, type Identity } from './identities';
import { type CustomIdentityInput, loginPage, messagePage, pageHeaders } from './pages';

// The interaction endpoints oidc-provider redirects the browser to: the login page (pick an identity)
// and the consent step, granted on the user's behalf because the only clients are the platform's own.

const CODICE_FISCALE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

const SelectBody = z.object({ codiceFiscale: z.string().trim().toUpperCase().min(1).max(16) });

const CustomIdentityBody = z.object({
  codiceFiscale: z
    .string()
    .trim()
    .toUpperCase()
    .regex(CODICE_FISCALE, 'Codice fiscale non valido: servono 16 caratteri, per esempio RSSMRA80A01A662X.'),
  // The names become PUSH's user row at the first sign-in: text PostgreSQL can store, like every API field.
  nome: text().trim().min(1, 'Indica il nome.').max(100, 'Il nome è troppo lungo.'),
  cognome: text().trim().min(1, 'Indica il cognome.').max(100, 'Il cognome è troppo lungo.'),
  email: z
    .string()
    .trim()
    .max(200, "L'indirizzo e-mail è troppo lungo.")
    .optional()
    .transform((email) => email || undefined)
    .pipe(z.email('Indirizzo e-mail non valido.').optional()),
});

type UidRequest = Request<{ uid: string }>;

function sendPage(res: Response, status: number, page: string): void {
  res.status(status).set(pageHeaders()).send(page);
}

export function interactionRouter(provider: Provider, db: Db, accounts: AccountDirectory): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });

  async function renderLogin(
    res: Response,
    interaction: Interaction,
    status = 200,
    problem?: { errors: string[]; custom: CustomIdentityInput },
  ): Promise<void> {
    const clientId = String(interaction.params.client_id);
    const client = await provider.Client.find(clientId);
    const identities = await listIdentities(db);
    sendPage(
      res,
      status,
      loginPage({ uid: interaction.uid, clientName: client?.clientName ?? clientId, identities, ...problem }),
    );
  }

  /** Ends the login prompt; the provider then asks for consent, which GET /interaction/:uid grants. */
  async function logIn(req: UidRequest, res: Response, identity: Identity): Promise<void> {
    accounts.remember(identity);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: identity.codiceFiscale, acr: SPID_L2, amr: ['pwd', 'otp'] } },
      { mergeWithLastSubmission: false },
    );
  }

  async function loginInteraction(req: UidRequest, res: Response): Promise<Interaction | undefined> {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.prompt.name === 'login') return interaction;
    sendPage(res, 400, messagePage('Richiesta non valida', "Questa richiesta di accesso non attende la scelta di un'identità."));
    return undefined;
  }

  router.get('/interaction/:uid', async (req: UidRequest, res) => {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.prompt.name === 'consent') {
      const grantId = await grantConsent(provider, interaction);
      await provider.interactionFinished(req, res, { consent: { grantId } });
      return;
    }
    if (interaction.prompt.name !== 'login') {
      sendPage(res, 400, messagePage('Richiesta non supportata', 'Il servizio di identità di prova non gestisce questa richiesta.'));
      return;
    }
    await renderLogin(res, interaction);
  });

  router.post('/interaction/:uid/select', form, async (req: UidRequest, res) => {
    const interaction = await loginInteraction(req, res);
    if (!interaction) return;
    const parsed = SelectBody.safeParse(req.body);
    const identity = parsed.success ? await findIdentity(db, parsed.data.codiceFiscale) : null;
    if (!identity) {
      await renderLogin(res, interaction, 422, { errors: ["L'identità scelta non esiste più: scegline un'altra."], custom: {} });
      return;
    }
    await logIn(req, res, identity);
  });

  router.post('/interaction/:uid/custom', form, async (req: UidRequest, res) => {
    const interaction = await loginInteraction(req, res);
    if (!interaction) return;
    const parsed = CustomIdentityBody.safeParse(req.body);
    if (!parsed.success) {
      const raw = z.record(z.string(), z.unknown()).safeParse(req.body);
      const text = (key: string) => (raw.success && typeof raw.data[key] === 'string' ? raw.data[key] : undefined);
      const custom = { codiceFiscale: text('codiceFiscale'), nome: text('nome'), cognome: text('cognome'), email: text('email') };
      await renderLogin(res, interaction, 422, { errors: parsed.error.issues.map((issue) => issue.message), custom });
      return;
    }
    const { email, ...identity } = parsed.data;
    await logIn(req, res, { ...identity, email: email ?? null });
  });

  router.post('/interaction/:uid/abort', async (req: UidRequest, res) => {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: "Accesso annullato dall'utente." },
      { mergeWithLastSubmission: false },
    );
  });

  return router;
}

/** Grants exactly what the provider reports missing, so the grant never exceeds the request. */
async function grantConsent(provider: Provider, interaction: Interaction): Promise<string> {
  const { details } = interaction.prompt;
  const accountId = interaction.session?.accountId;
  if (!accountId) throw new Error('oidc-provider asked for consent without a signed-in account');
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  return grant.save();
}

/** An expired or replayed interaction is the user's everyday case, not a server fault. */
export function interactionErrors(sessionNotFound: typeof errors.SessionNotFound): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof sessionNotFound) {
      sendPage(
        res,
        400,
        messagePage('Richiesta di accesso scaduta', 'La richiesta di accesso è scaduta o non è più valida: torna al servizio e accedi di nuovo.'),
      );
      return;
    }
    console.error('[identity-provider] interaction failed', error);
    sendPage(res, 500, messagePage('Errore del servizio di identità', 'Si è verificato un errore imprevisto: riprova più tardi.'));
  };
}
