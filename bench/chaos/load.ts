// The load: invio generico (sent by the Comune di Bari, taken in charge by the istruttore) and
// accreditamento ente (a new representative submits, the istruttore asks for an integration, the
// representative uploads it, the istruttore approves, the dirigente signs, the act goes by PEC), each
// through the real API as the demo identities, each creation and decision with its Idempotency-Key.
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { demoCf } from '../../tests/support/demo';
import type { ApiSession } from '../../tests/support/sign-in';
import type { DrivenProcedure } from './checks';
import type { Answer, ResilientClient } from './client';
import { Inbox } from './inbox';

const STEP_TIMEOUT_MS = 240_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface LoadStats {
  /** Retried requests answered 409 (the first attempt had taken effect), by kind of request. */
  conflictsAfterRetry: Record<string, number>;
  /** Human steps answered. */
  stepsDone: number;
}

/** A codice fiscale for invented person number `n` (valid check letter). */
export function personCf(n: number): string {
  const letters = Array.from({ length: 3 }, (_, i) => String.fromCharCode(65 + (Math.floor(n / 26 ** i) % 26))).join('');
  const first15 = `CHS${letters}80A01A662`;
  return first15 + codiceFiscaleCheckChar(first15);
}

/** An 11-digit codice fiscale for invented ente number `n`, with the right check digit. */
export function enteCf(n: number): string {
  const first10 = `977${String(n).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(first10[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${first10}${(10 - (sum % 10)) % 10}`;
}

class Unexpected extends Error {}

function expectOk<T>(what: string, answer: Answer<T>, stats: LoadStats): Answer<T> | null {
  if (answer.status >= 200 && answer.status < 300) return answer;
  // A retried request the first attempt had already done: the person sees it done and moves on.
  if (answer.status === 409 && answer.attempt > 1) {
    const kind = what.replace(/ [0-9a-f-]{36}$/, '');
    stats.conflictsAfterRetry[kind] = (stats.conflictsAfterRetry[kind] ?? 0) + 1;
    return null;
  }
  throw new Unexpected(`${what} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
}

export class LoadDriver {
  readonly stats: LoadStats = { conflictsAfterRetry: {}, stepsDone: 0 };
  readonly procedures: DrivenProcedure[] = [];
  private readonly running: Promise<void>[] = [];
  private istruttore!: { session: ApiSession; inbox: (procedura: string) => Inbox };
  private dirigente!: { session: ApiSession; inbox: Inbox };
  private bari!: { session: ApiSession; enteId: string };

  constructor(private readonly client: ResilientClient, private readonly runTag: string) {}

  /** Signs in the Region's istruttore and dirigente and the Comune di Bari's referente. */
  async prepare(): Promise<void> {
    const [istruttore, dirigente, bari] = await Promise.all([
      this.client.signIn(demoCf('regione.istruttore')),
      this.client.signIn(demoCf('regione.dirigente')),
      this.client.signIn(demoCf('bari.referente')),
    ]);
    const inboxes = new Map<string, Inbox>();
    this.istruttore = {
      session: istruttore,
      inbox: (procedura) => inboxes.get(procedura) ?? inboxes.set(procedura, new Inbox(this.client, istruttore, `vista=gruppi&procedura=${procedura}`)).get(procedura)!,
    };
    this.dirigente = { session: dirigente, inbox: new Inbox(this.client, dirigente, 'vista=gruppi&procedura=accreditamento-ente') };
    const me = await this.client.call<{ roles: { enteId: string; ruolo: string; area: string | null }[] }>(bari, 'GET', '/api/me');
    const grant = me.body.roles.find((role) => role.area === 'COMUNICAZIONI' || role.ruolo === 'RAPPRESENTANTE_LEGALE');
    if (!grant) throw new Error('bari.referente holds no role for communications');
    this.bari = { session: bari, enteId: grant.enteId };
  }

  /** Starts procedures number `from` to `to - 1`: even ones invio generico, odd ones accreditamento. */
  launch(from: number, to: number): void {
    for (let n = from; n < to; n++) {
      const procedure: DrivenProcedure = n % 2 === 0
        ? { key: `${this.runTag}-${n}-invio`, kind: 'invio-generico', naturalKey: `Chaos ${this.runTag} n. ${n}`, created: false, finished: false, abandoned: null }
        : { key: `${this.runTag}-${n}-accreditamento`, kind: 'accreditamento-ente', naturalKey: enteCf(n), created: false, finished: false, abandoned: null };
      this.procedures.push(procedure);
      const run = procedure.kind === 'invio-generico' ? this.invioGenerico(procedure) : this.accreditamento(procedure, n);
      this.running.push(run.then(
        () => { procedure.finished = true; },
        (error: unknown) => { procedure.abandoned = (error as Error).message; },
      ));
    }
  }

  /** Resolves when every launched procedure is driven to its end or given up. */
  async settled(): Promise<void> {
    await Promise.all(this.running);
  }

  private async task(inbox: Inbox, titolo: string, exclude = new Set<string>()): Promise<string> {
    const id = await inbox.waitFor(titolo, exclude, STEP_TIMEOUT_MS);
    if (!id) throw new Unexpected(`no open task «${titolo}» within ${STEP_TIMEOUT_MS / 1000} s`);
    return id;
  }

  private async decide(session: ApiSession, taskId: string, decision: Record<string, unknown>, key: string): Promise<void> {
    expectOk(`complete ${taskId}`, await this.client.call(session, 'POST', `/api/tasks/${taskId}/complete`, { body: { decision }, idempotencyKey: key }), this.stats);
    this.stats.stepsDone++;
  }

  private async invioGenerico(procedure: DrivenProcedure): Promise<void> {
    const form = new FormData();
    form.set('enteId', this.bari.enteId);
    form.set('oggetto', procedure.naturalKey);
    form.set('testo', `Comunicazione della prova di resistenza ${this.runTag}.`);
    form.append('allegati', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'nota.pdf');
    expectOk('send communication', await this.client.call(this.bari.session, 'POST', '/api/comunicazioni', { body: form, idempotencyKey: procedure.key }), this.stats);
    procedure.created = true;
    const session = this.istruttore.session;
    const taskId = await this.task(this.istruttore.inbox('invio-generico'), `Presa in carico: ${procedure.naturalKey}`);
    expectOk(`claim ${taskId}`, await this.client.call(session, 'POST', `/api/tasks/${taskId}/claim`, { body: {}, idempotencyKey: `${procedure.key}/claim` }), this.stats);
    await this.decide(session, taskId, { esito: 'PRESA_IN_CARICO' }, `${procedure.key}/presa-in-carico`);
  }

  private async accreditamento(procedure: DrivenProcedure, n: number): Promise<void> {
    const denominazione = `Ente chaos ${this.runTag} n. ${n}`;
    const rep = await this.client.signIn(personCf(n), { nome: 'Prova', cognome: `Resistenza ${n}` });
    const form = new FormData();
    const fields = { tipo: 'ALTRO', denominazione, codiceFiscale: procedure.naturalKey, pec: `ente${n}@pec.chaos.example`, sede: 'Via della Prova 1, Bari', qualifica: 'Presidente' };
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set('attoNomina', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'atto-di-nomina.pdf');
    // A 409 on a retry means the request was already taken: the istruttore's task follows either way.
    expectOk('submit accreditamento', await this.client.call<{ id: string }>(rep, 'POST', '/api/accreditamenti', { body: form, idempotencyKey: procedure.key }), this.stats);
    procedure.created = true;

    const istruttoria = this.istruttore.inbox('accreditamento-ente');
    const reviewTitle = `Istruttoria accreditamento: ${denominazione}`;
    const first = await this.task(istruttoria, reviewTitle);
    await this.decide(this.istruttore.session, first, { esito: 'INTEGRAZIONE', richiesta: 'Allegare la delibera di nomina.', giorniIntegrazione: 10 }, `${procedure.key}/istruttoria-1`);

    const integrazione = await this.task(new Inbox(this.client, rep, 'vista=mie'), `Integrazione richiesta: accreditamento ${denominazione}`);
    // The new act goes through the integration task's file field; the same bytes again give the same document.
    const atto = new FormData();
    atto.set('file', new Blob([new Uint8Array(Buffer.concat([PDF, Buffer.from(`% delibera ${n}\n`)]))], { type: 'application/pdf' }), 'delibera.pdf');
    const uploadPath = `/api/tasks/${integrazione}/documenti/attoNominaDocumentId`;
    const uploaded = expectOk('upload atto', await this.client.call<{ id: string }>(rep, 'POST', uploadPath, { body: atto, idempotencyKey: `${procedure.key}/atto` }), this.stats);
    if (!uploaded) throw new Unexpected('upload atto: conflict on retry, the document id is unknown');
    await this.decide(rep, integrazione, { risposta: 'Si allega la delibera.', attoNominaDocumentId: uploaded.body.id }, `${procedure.key}/integrazione-1`);

    const second = await this.task(istruttoria, reviewTitle, new Set([first]));
    await this.decide(this.istruttore.session, second, { esito: 'APPROVA' }, `${procedure.key}/istruttoria-2`);
    const firma = await this.task(this.dirigente.inbox, `Firma provvedimento di accreditamento: ${denominazione}`);
    // The dirigente signs the act they read: the decision confirms its impronta (SHA-256), as the page does.
    const act = expectOk('read act', await this.client.call<{ data: { atto: { sha256: string } } }>(this.dirigente.session, 'GET', `/api/tasks/${firma}`), this.stats);
    await this.decide(this.dirigente.session, firma, { esito: 'FIRMA', impronta: act?.body.data.atto.sha256 }, `${procedure.key}/firma-2`);
  }
}
