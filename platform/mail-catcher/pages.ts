// The mail catcher's pages: plain HTML built from strings, with every value from a message escaped,
// since a message's sender decides all of it. The HTML body is shown inside a sandboxed iframe (no
// scripts, no forms, an origin of its own) and the page's Content-Security-Policy, which a srcdoc frame
// inherits, keeps it from loading anything from the network.
import type { CaughtMail } from './store';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content and for a quoted attribute value alike. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

const romeParts = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** gg/mm/aaaa hh:mm in Italian time, built from parts so it does not depend on the locale's punctuation. */
export function formatRomeDateTime(iso: string): string {
  const part = Object.fromEntries(romeParts.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; line-height: 1.5; }
  header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
  header { border-bottom: 1px solid #ccc; }
  a { color: #0b4f9c; }
  h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
  h2 { font-size: 1.2rem; margin-top: 2rem; }
  .table { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
  th { background: #f2f2f2; }
  td.data { white-space: nowrap; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 70vh; border: 1px solid #ccc; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: .75rem; border: 1px solid #ddd; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p><a href="/">Posta in arrivo</a> · server di posta locale di sviluppo</p></header>
<main>
${body}
</main>
</body>
</html>
`;
}

const subjectText = (subject: string) => subject.trim() || '(senza oggetto)';
const messageHref = (id: string) => `/messaggi/${encodeURIComponent(id)}`;
const timeElement = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatRomeDateTime(iso))}</time>`;

/** The list of caught messages, newest first as given. */
export function inboxPage(mails: CaughtMail[], smtp: { host: string; port: number }): string {
  const rows = mails.map((mail) => `<tr>
<td class="data">${timeElement(mail.date)}</td>
<td>${escapeHtml(mail.from)}</td>
<td>${escapeHtml(mail.to.join(', '))}</td>
<td><a href="${escapeHtml(messageHref(mail.id))}">${escapeHtml(subjectText(mail.subject))}</a></td>
</tr>`);
  const list = mails.length === 0
    ? '<p>Nessun messaggio ricevuto.</p>'
    : `<div class="table"><table>
<caption>${mails.length === 1 ? '1 messaggio' : `${mails.length} messaggi`}, dal più recente</caption>
<thead><tr><th scope="col">Data</th><th scope="col">Da</th><th scope="col">A</th><th scope="col">Oggetto</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
  return layout('Posta in arrivo (server di posta locale)', `<h1>Posta in arrivo (server di posta locale)</h1>
<p>I messaggi di posta ordinaria che la piattaforma invia al server SMTP ${escapeHtml(`${smtp.host}:${smtp.port}`)} restano qui e non vengono consegnati a nessuno. Ricaricare la pagina per vedere i nuovi.</p>
${list}`);
}

/** The header block of a raw message, as received. */
function rawHeaders(raw: Buffer): string {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** One message: its main fields, its body (HTML in a sandboxed frame, else text) and its headers. */
export function messagePage(mail: CaughtMail, raw: Buffer): string {
  const subject = subjectText(mail.subject);
  const body = mail.html !== null
    // srcdoc is an attribute: escaping makes the browser read back exactly the message's HTML.
    ? `<iframe sandbox srcdoc="${escapeHtml(mail.html)}" title="Contenuto del messaggio: ${escapeHtml(subject)}"></iframe>`
    : mail.text !== null
      ? `<pre>${escapeHtml(mail.text)}</pre>`
      : '<p>Il messaggio non ha contenuto di testo.</p>';
  return layout(`${subject} – Posta in arrivo`, `<h1>${escapeHtml(subject)}</h1>
<dl>
<dt>Data</dt><dd>${timeElement(mail.date)}</dd>
<dt>Da</dt><dd>${escapeHtml(mail.from)}</dd>
<dt>A</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>
<dt>Message-ID</dt><dd>${escapeHtml(mail.messageId ?? '(assente)')}</dd>
</dl>
<h2>Contenuto</h2>
${body}
<h2>Intestazioni</h2>
<pre>${escapeHtml(rawHeaders(raw))}</pre>
<p><a href="${escapeHtml(`${messageHref(mail.id)}/sorgente`)}">Scarica il messaggio originale (.eml)</a></p>`);
}

export function notFoundPage(): string {
  return layout('Pagina non trovata – Posta in arrivo', `<h1>Pagina non trovata</h1>
<p>Il messaggio o la pagina richiesta non esiste. <a href="/">Torna alla posta in arrivo</a>.</p>`);
}

export function errorPage(): string {
  return layout('Errore – Posta in arrivo', `<h1>Errore del server di posta locale</h1>
<p>La pagina non può essere mostrata ora; il dettaglio è nel registro del server.</p>`);
}
