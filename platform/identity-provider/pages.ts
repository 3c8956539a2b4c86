import { createHash } from 'node:crypto';
import { html, SafeHtml } from '../../api/auth/html';
import type { ListedIdentity } from './identities';

// The pages of the test identity provider: plain HTML with its style inline, so it renders on an
// offline machine, and a Content-Security-Policy that allows only that style and one known script.

const STYLE = `
body{margin:0;font-family:"Titillium Web",system-ui,sans-serif;background:#f5f7fb;color:#17324d}
header{background:#0066cc;color:#fff;padding:14px 24px;font-size:15px}
main{max-width:760px;margin:24px auto;padding:0 16px}
h1{font-size:26px;margin:8px 0 4px}
.avviso{background:#fff4e5;border-left:4px solid #e68a00;padding:10px 14px;margin:16px 0}
.errore{background:#fdecea;border-left:4px solid #d1344c;padding:10px 14px;margin:16px 0}
ul.identita{list-style:none;padding:0;margin:0}
ul.identita li{margin:0 0 8px}
ul.identita button{width:100%;text-align:left;background:#fff;border:1px solid #c5d0dc;border-radius:4px;
  padding:10px 14px;cursor:pointer;font:inherit;color:inherit;display:grid;grid-template-columns:1fr auto;gap:2px 12px}
ul.identita button:hover,ul.identita button:focus{border-color:#0066cc;box-shadow:0 0 0 2px #b3d1f0}
.nome{font-weight:600}.cf{font-family:monospace;color:#455b71}.descrizione{grid-column:1/3;font-size:14px;color:#5c6f82}
details{margin:24px 0;background:#fff;border:1px solid #c5d0dc;border-radius:4px;padding:10px 14px}
label{display:block;margin:8px 0 2px;font-size:14px}
input{font:inherit;padding:6px 8px;width:100%;max-width:360px;box-sizing:border-box}
.primario{background:#0066cc;color:#fff;border:0;border-radius:4px;padding:8px 18px;font:inherit;cursor:pointer;margin-top:12px}
.secondario{background:none;border:0;color:#0066cc;text-decoration:underline;font:inherit;cursor:pointer;padding:0}
`;

const LOGOUT_SCRIPT = "document.addEventListener('DOMContentLoaded',function(){document.getElementById('esci').click();});";

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Headers for every page: no framing, no outside resources, nothing but the page's own style (and script). */
export function pageHeaders(options: { withLogoutScript?: boolean } = {}): Record<string, string> {
  const scriptSrc = options.withLogoutScript ? sha256(LOGOUT_SCRIPT) : "'none'";
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${scriptSrc}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

function layout(title: string, body: SafeHtml, script?: string): string {
  return html`<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
${script ? html`<script>${new SafeHtml(script)}</script>` : null}
</head>
<body>
<header>Regione Puglia · Servizio di identità digitale (SPID/CIE) – <strong>ambiente di prova</strong></header>
<main>
${body}
</main>
</body>
</html>`.markup;
}

export interface CustomIdentityInput {
  codiceFiscale?: string;
  nome?: string;
  cognome?: string;
  email?: string;
}

export interface LoginPageModel {
  uid: string;
  clientName: string;
  identities: readonly ListedIdentity[];
  errors?: readonly string[];
  custom?: CustomIdentityInput;
}

function identityButton(identity: ListedIdentity): SafeHtml {
  return html`<li><button type="submit" name="codiceFiscale" value="${identity.codiceFiscale}">
<span class="nome">${identity.nome} ${identity.cognome}</span>
<span class="cf">${identity.codiceFiscale}</span>
<span class="descrizione">${identity.descrizione}</span>
</button></li>`;
}

export function loginPage(model: LoginPageModel): string {
  const base = `/interaction/${encodeURIComponent(model.uid)}`;
  const custom = model.custom ?? {};
  const errors = model.errors ?? [];
  const list =
    model.identities.length > 0
      ? html`<form method="post" action="${base}/select"><ul class="identita">${model.identities.map(identityButton)}</ul></form>`
      : html`<p>Nessun utente registrato nella base dati: carica i dati di prova o usa un'altra identità qui sotto.</p>`;
  return layout(
    'Accesso con SPID – ambiente di prova',
    html`<h1>Accesso con SPID – ambiente di prova</h1>
<p>Stai accedendo a <strong>${model.clientName}</strong> con livello di sicurezza SPID 2.</p>
<p class="avviso">Questo servizio di identità è solo di prova: non chiede credenziali e non va usato con dati reali.
Scegli l'identità con cui entrare.</p>
${errors.length > 0 ? html`<div class="errore" role="alert">${errors.map((error) => html`<p>${error}</p>`)}</div>` : null}
${list}
<details${errors.length > 0 ? new SafeHtml(' open') : null}>
<summary>Accedi con un'altra identità</summary>
<form method="post" action="${base}/custom">
<label for="codiceFiscale">Codice fiscale</label>
<input id="codiceFiscale" name="codiceFiscale" required maxlength="16" autocomplete="off" value="${custom.codiceFiscale ?? ''}">
<label for="nome">Nome</label>
<input id="nome" name="nome" required maxlength="100" value="${custom.nome ?? ''}">
<label for="cognome">Cognome</label>
<input id="cognome" name="cognome" required maxlength="100" value="${custom.cognome ?? ''}">
<label for="email">E-mail (facoltativa)</label>
<input id="email" name="email" type="email" maxlength="200" value="${custom.email ?? ''}">
<button type="submit" class="primario">Accedi con questa identità</button>
</form>
</details>
<form method="post" action="${base}/abort"><button type="submit" class="secondario">Annulla e torna al servizio</button></form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, html`<h1>${title}</h1><p>${message}</p>`);
}

/** The end-session confirmation submits itself: signing out of PUSH signs out of this provider too. */
export function logoutPage(providerForm: string): string {
  // providerForm is oidc-provider's own markup (a form with its anti-forgery token), emitted as is.
  return layout(
    'Uscita in corso',
    html`<h1>Uscita in corso…</h1>
${new SafeHtml(providerForm)}
<p>Se la pagina non prosegue da sola, conferma l'uscita.</p>
<button id="esci" type="submit" form="op.logoutForm" name="logout" value="yes" class="primario">Esci</button>`,
    LOGOUT_SCRIPT,
  );
}
