// The digest's e-mail, from templates/email: an HTML part (escaped, like every page) and a text part for
// the mail readers that show no HTML. Strict: a value the template names but the data lacks throws.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatDate } from '../../workflows/shared/dates';
import { DEFAULT_TEMPLATES_DIR } from '../pdf/templates';

export interface DigestTask {
  titolo: string;
  ente: string;
  /** ISO, or null for a task with no due date. */
  scadenza: string | null;
  url: string;
}

export interface DigestData {
  nome: string;
  /** aaaa-mm-gg */
  giorno: string;
  nuove: { elenco: DigestTask[]; totale: number };
  scadute: { elenco: DigestTask[]; totale: number };
  inboxUrl: string;
  impostazioniUrl: string;
}

const handlebars = Handlebars.create();
handlebars.registerHelper({ formatDate, altre: (totale: number, elenco: unknown[]) => totale - elenco.length });
const template = (name: string, noEscape: boolean) =>
  handlebars.compile(readFileSync(path.join(DEFAULT_TEMPLATES_DIR, 'email', name), 'utf8'), { strict: true, noEscape });
const html = template('riepilogo-attivita.html.hbs', false);
const text = template('riepilogo-attivita.txt.hbs', true);

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function renderTaskDigest(data: DigestData): { subject: string; html: string; text: string } {
  const parts = [
    ...(data.nuove.totale > 0 ? [count(data.nuove.totale, 'nuova', 'nuove')] : []),
    ...(data.scadute.totale > 0 ? [count(data.scadute.totale, 'scaduta', 'scadute')] : []),
  ];
  const values = { ...data, giornoIt: formatDate(`${data.giorno}T12:00:00Z`) };
  return { subject: `PUSH – Le tue attività: ${parts.join(', ')}`, html: html(values), text: text(values) };
}
