// Hostile requests to every kind of endpoint: malformed bodies, poison text (NUL bytes, lone UTF-16
// surrogates), impossible dates, bad tokens and unknown ids. Each must be answered with a 4xx and an
// Italian message naming the field — never a 500 — and nothing may be stored on the way.
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';

interface ApiError { error: { code: string; message: string; field?: string } }
type Who = 'bari' | 'rappresentante' | 'istruttore' | 'admin';
interface Case {
  name: string;
  as: Who;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: () => string;
  /** A JSON value (sent as application/json), or the raw body with its headers. */
  json?: () => unknown;
  raw?: () => { body: string | Buffer | FormData; headers?: Record<string, string> };
  status: number;
  /** The field the message names; absent for a body that cannot be read at all. */
  field?: string;
}

const NUL = 'Oggetto\u0000nascosto';
const LONE_SURROGATE = 'Oggetto \ud800 spezzato';
const BOUNDARY = '----pushBoundary';

/**
 * A multipart body by hand: fields, an optional file, and — unless `truncated` — the closing boundary.
 * The file name goes as RFC 5987 `filename*` (percent-encoded UTF-8), the only way a NUL can reach it.
 */
function multipart(fields: Record<string, string>, file?: { field: string; filename: string; content: string }, truncated = false): Buffer {
  const parts = Object.entries(fields).map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (file) parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field}"; filename*=UTF-8''${encodeURIComponent(file.filename)}\r\nContent-Type: application/pdf\r\n\r\n${file.content}\r\n`);
  return Buffer.from(`${parts.join('')}${truncated ? '' : `--${BOUNDARY}--\r\n`}`, 'utf8');
}
const multipartHeaders = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

describe('bad requests', () => {
  let server: TestServer;
  const sessions = {} as Record<Who, ApiSession>;
  let bariId: string;
  let taskId: string;
  let ricognizioneId: string;
  let flussiWorkflowId: string;
  /** A transmission of Bari's that nobody started. */
  let neverStarted: string;
  const unknownId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer();
    const [bari, rappresentante, istruttore, admin] = await Promise.all([
      signIn(server.baseUrl, demoCf('bari.referente')),
      signIn(server.baseUrl, demoCf('bari.rappresentante')),
      signIn(server.baseUrl, demoCf('regione.istruttore')),
      signIn(server.baseUrl, demoCf('regione.amministratore')),
    ]);
    Object.assign(sessions, { bari, rappresentante, istruttore, admin });
    bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    neverStarted = `invio-flussi-${bariId}-2019-12-31`;

    const form = new FormData();
    form.set('enteId', bariId);
    form.set('oggetto', 'Richiesta di chiarimenti');
    form.set('testo', 'Testo della comunicazione');
    const sent = await bari.json<{ workflowId: string }>('/api/comunicazioni', { method: 'POST', body: form });
    expect(sent.status).toBe(201);
    taskId = (await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: sent.body.workflowId } }))).id;

    const opened = await istruttore.postJson<{ id: string }>('/api/ricognizioni', { dataRiferimento: '2036-06-30', scadenza: '2036-09-30', enteIds: [bariId] });
    expect(opened.status).toBe(201);
    ricognizioneId = opened.body.id;

    const started = await bari.postJson<{ workflowId: string }>('/api/flussi', { enteId: bariId, dataRiferimento: '2037-12-31' });
    expect(started.status).toBe(201);
    flussiWorkflowId = started.body.workflowId;
    before = await storedCounts();
  });
  afterAll(() => server.close());

  /** What a refused request could have stored; other test files share the database, so compared with before. */
  let before: Awaited<ReturnType<typeof storedCounts>>;
  async function storedCounts() {
    const { db } = server.platform;
    return {
      communications: await db.communication.count(),
      accreditations: await db.accreditationRequest.count(),
      uploads: await db.flussoUpload.count(),
      documents: await db.document.count(),
      roles: await db.roleAssignment.count(),
      campaigns: await db.ricognizione.count(),
      users: await db.user.count(),
    };
  }

  async function send(test: Case): Promise<{ status: number; body: ApiError }> {
    const method = test.method ?? (test.json || test.raw ? 'POST' : 'GET');
    const init: RequestInit = { method };
    if (test.json) Object.assign(init, { body: JSON.stringify(test.json()), headers: { 'content-type': 'application/json' } });
    if (test.raw) {
      const { body, headers } = test.raw();
      Object.assign(init, { body, headers });
    }
    return sessions[test.as].json<ApiError>(test.path(), init);
  }

  const comunicazione = (fields: Record<string, string>) => ({ enteId: bariId, oggetto: 'Oggetto', testo: 'Testo', ...fields });
  const accreditamento = (fields: Record<string, string>) => ({
    tipo: 'ALTRO', denominazione: 'Cooperativa Abitare', codiceFiscale: '93000010723', pec: 'coop@pec.abitare.example', sede: 'Via Roma 1, Bari', qualifica: 'Presidente', ...fields,
  });
  const bandoFondo = { anno: 2070, titolo: 'Fondo sostegno locazioni 2070', apertura: '2070-03-01', scadenza: '2070-03-31', fonti: [{ riferimento: 'DM 2070', importo: '1000.00', quota: 'ORDINARIA' }] };
  const unita = { codice: `${COMUNE_BARI}-1`, buildingCodice: 'BA-1', foglio: '1', particella: '1', subalterno: '1', categoria: 'A/3', superficie: 60, vani: 3, uso: 'SAP', stato: 'LOCATO' };
  const fabbricato = { codice: 'BA-1', indirizzo: 'Via Sparano 1', istatComune: COMUNE_BARI, latitudine: 41.12, longitudine: 16.87, annoCostruzione: 1970, piani: 4 };

  /** The same malformed bodies, sent to a JSON endpoint and to every multipart one. */
  /** A multipart body sent where JSON is expected is not read at all: the fields are simply missing (422). */
  const malformedBodies = (where: string, as: Who, path: () => string, multipartStatus = 400): Case[] => [
    { name: `${where}: malformed JSON`, as, path, raw: () => ({ body: '{"enteId": ', headers: { 'content-type': 'application/json' } }), status: 400 },
    { name: `${where}: JSON over the limit`, as, path, raw: () => ({ body: JSON.stringify({ testo: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } }), status: 413 },
    { name: `${where}: charset=utf-16`, as, path, raw: () => ({ body: Buffer.from('{"a":1}', 'utf16le'), headers: { 'content-type': 'application/json; charset=utf-16' } }), status: 415 },
    { name: `${where}: bogus gzip`, as, path, raw: () => ({ body: 'questo non è gzip', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }), status: 400 },
    { name: `${where}: gzip of malformed JSON`, as, path, raw: () => ({ body: gzipSync('{"a":'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }), status: 400 },
    { name: `${where}: unsupported content-encoding`, as, path, raw: () => ({ body: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'compress' } }), status: 415 },
    { name: `${where}: JSON null`, as, path, raw: () => ({ body: 'null', headers: { 'content-type': 'application/json' } }), status: 400 },
    { name: `${where}: JSON string`, as, path, raw: () => ({ body: '"testo"', headers: { 'content-type': 'application/json' } }), status: 400 },
    { name: `${where}: JSON array`, as, path, raw: () => ({ body: '[1,2]', headers: { 'content-type': 'application/json' } }), status: 400 },
    { name: `${where}: charset=latin1`, as, path, raw: () => ({ body: '{}', headers: { 'content-type': 'application/json; charset=iso-8859-1' } }), status: 415 },
    { name: `${where}: multipart without boundary`, as, path, raw: () => ({ body: multipart({ a: 'b' }), headers: { 'content-type': 'multipart/form-data' } }), status: multipartStatus },
    { name: `${where}: truncated multipart`, as, path, raw: () => ({ body: multipart({ oggetto: 'a', testo: 'b' }, undefined, true), headers: multipartHeaders }), status: multipartStatus },
    { name: `${where}: multipart with a malformed part header`, as, path, raw: () => ({ body: `--${BOUNDARY}\r\nsenza-due-punti\r\n\r\nx\r\n--${BOUNDARY}--\r\n`, headers: multipartHeaders }), status: multipartStatus },
    { name: `${where}: multipart with a NUL in a part header`, as, path, raw: () => ({ body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; filename="a\u0000.pdf"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`, headers: multipartHeaders }), status: multipartStatus },
  ];

  const cases: Case[] = [
    ...malformedBodies('POST /flussi (JSON)', 'bari', () => '/api/flussi', 422),
    ...malformedBodies('POST /comunicazioni (multipart)', 'bari', () => '/api/comunicazioni'),
    ...malformedBodies('POST /accreditamenti (multipart)', 'bari', () => '/api/accreditamenti'),
    ...malformedBodies('POST /flussi/:workflowId/caricamenti (multipart)', 'bari', () => `/api/flussi/${flussiWorkflowId}/caricamenti`),
    ...malformedBodies('POST /fondo-affitti/bandi (JSON)', 'istruttore', () => '/api/fondo-affitti/bandi', 422),
    ...malformedBodies('POST /fondo-affitti/bandi/:id/liquidazioni (JSON)', 'istruttore', () => `/api/fondo-affitti/bandi/${unknownId}/liquidazioni`, 422),

    // Poison text in every kind of field.
    { name: 'a NUL in a communication’s oggetto (multipart)', as: 'bari', path: () => '/api/comunicazioni', raw: () => ({ body: multipart(comunicazione({ oggetto: NUL })), headers: multipartHeaders }), status: 422, field: 'oggetto' },
    { name: 'a NUL in a communication’s testo (multipart)', as: 'bari', path: () => '/api/comunicazioni', raw: () => ({ body: multipart(comunicazione({ testo: NUL })), headers: multipartHeaders }), status: 422, field: 'testo' },
    { name: 'a lone surrogate in a communication’s oggetto (JSON)', as: 'bari', path: () => '/api/comunicazioni', json: () => comunicazione({ oggetto: LONE_SURROGATE }), status: 422, field: 'oggetto' },
    { name: 'a NUL in an attachment’s file name', as: 'bari', path: () => '/api/comunicazioni', raw: () => ({ body: multipart(comunicazione({}), { field: 'allegati', filename: 'atto\u0000.pdf', content: '%PDF-1.4' }), headers: multipartHeaders }), status: 422, field: 'allegati' },
    { name: 'a NUL in the note of a decision', as: 'istruttore', path: () => `/api/tasks/${taskId}/complete`, json: () => ({ decision: { esito: 'PRESA_IN_CARICO', note: NUL } }), status: 422, field: 'decision.note' },
    { name: 'a lone surrogate deep in a decision', as: 'istruttore', path: () => `/api/tasks/${taskId}/complete`, json: () => ({ decision: { esito: 'PRESA_IN_CARICO', allegati: [{ nome: LONE_SURROGATE }] } }), status: 422, field: 'decision.allegati.0.nome' },
    { name: 'a decision nested too deep', as: 'istruttore', path: () => `/api/tasks/${taskId}/complete`, raw: () => ({ body: `{"decision":{"esito":"PRESA_IN_CARICO","x":${'['.repeat(5000)}${']'.repeat(5000)}}}`, headers: { 'content-type': 'application/json' } }), status: 422, field: `decision.x${'.0'.repeat(9)}` },
    { name: 'a NUL in a referente’s name', as: 'rappresentante', path: () => `/api/enti/${bariId}/referenti`, json: () => ({ codiceFiscale: demoCf('lecce.referente'), nome: `Mario${'\u0000'}`, cognome: 'Rossi', aree: ['PATRIMONIO'] }), status: 422, field: 'nome' },
    { name: 'a lone surrogate in a referente’s surname', as: 'rappresentante', path: () => `/api/enti/${bariId}/referenti`, json: () => ({ codiceFiscale: demoCf('lecce.referente'), nome: 'Mario', cognome: LONE_SURROGATE, aree: ['PATRIMONIO'] }), status: 422, field: 'cognome' },
    { name: 'a NUL in an accreditation’s denominazione (multipart)', as: 'bari', path: () => '/api/accreditamenti', raw: () => ({ body: multipart(accreditamento({ denominazione: NUL }), { field: 'attoNomina', filename: 'atto.pdf', content: '%PDF-1.4' }), headers: multipartHeaders }), status: 422, field: 'denominazione' },
    { name: 'a NUL in the file name of an act of appointment', as: 'bari', path: () => '/api/accreditamenti', raw: () => ({ body: multipart(accreditamento({}), { field: 'attoNomina', filename: 'atto\u0000.pdf', content: '%PDF-1.4' }), headers: multipartHeaders }), status: 422, field: 'attoNomina' },
    { name: 'a NUL in the file name of a flusso', as: 'bari', path: () => `/api/flussi/${flussiWorkflowId}/caricamenti`, raw: () => ({ body: multipart({}, { field: 'flusso', filename: 'flusso\u0000.xml', content: '<x/>' }), headers: multipartHeaders }), status: 422, field: 'flusso' },
    { name: 'a NUL in the address of the morning digest', as: 'bari', method: 'PUT', path: () => '/api/notifiche', json: () => ({ email: `a${'\u0000'}@comune.bari.example`, riepilogoEmail: true }), status: 422, field: 'email' },
    { name: 'a lone surrogate in the address of the morning digest', as: 'bari', method: 'PUT', path: () => '/api/notifiche', json: () => ({ email: LONE_SURROGATE, riepilogoEmail: true }), status: 422, field: 'email' },
    { name: 'malformed JSON for the notifications', as: 'bari', method: 'PUT', path: () => '/api/notifiche', raw: () => ({ body: '{"email": ', headers: { 'content-type': 'application/json' } }), status: 400 },
    { name: 'a NUL in an incident’s corrected PEC address', as: 'admin', path: () => `/api/admin/incidenti/${unknownId}/riprova`, json: () => ({ pec: `pec${'\u0000'}@pec.example` }), status: 422, field: 'pec' },
    { name: 'a lone surrogate in an incident’s note', as: 'admin', path: () => `/api/admin/incidenti/${unknownId}/risolvi`, json: () => ({ nota: LONE_SURROGATE }), status: 422, field: 'nota' },
    { name: 'a NUL in a manually entered address', as: 'bari', path: () => `/api/flussi/${flussiWorkflowId}/manuale`, json: () => ({ fabbricati: [{ ...fabbricato, indirizzo: NUL }], unita: [unita] }), status: 422, field: 'fabbricati.0.indirizzo' },
    { name: 'a NUL in the stock browser’s text filter', as: 'bari', path: () => '/api/patrimonio/unita?q=Via%00Roma', status: 422, field: 'q' },
    { name: 'a NUL in the stock map’s building filter', as: 'bari', path: () => '/api/patrimonio/mappa?edificio=BA%00', status: 422, field: 'edificio' },
    { name: 'a NUL in a building code', as: 'bari', path: () => `/api/patrimonio/edifici/${bariId}/BA%00?data=2030-01-01`, status: 422, field: 'codice' },
    { name: 'a NUL in an export’s filter', as: 'bari', path: () => '/api/patrimonio/esportazioni', json: () => ({ q: NUL }), status: 422, field: 'q' },
    { name: 'a NUL in the enti filter', as: 'istruttore', path: () => '/api/enti?q=Bari%00', status: 422, field: 'q' },
    { name: 'a NUL in a campaign’s filter', as: 'istruttore', path: () => `/api/ricognizioni/${ricognizioneId}/enti?q=%00`, status: 422, field: 'q' },
    { name: 'a NUL in the tasks’ procedure filter', as: 'istruttore', path: () => '/api/tasks?procedura=%00', status: 422, field: 'procedura' },
    { name: 'a NUL in the monitoring page’s filters', as: 'admin', path: () => '/api/admin/procedure?stato=%00', status: 422, field: 'stato' },
    { name: 'a NUL in a rent-fund call’s funding act', as: 'istruttore', path: () => '/api/fondo-affitti/bandi', json: () => ({ ...bandoFondo, fonti: [{ riferimento: NUL, importo: '10.00', quota: 'ORDINARIA' }] }), status: 422, field: 'fonti.0.riferimento' },
    { name: 'a lone surrogate in a rent-fund call’s title', as: 'istruttore', path: () => '/api/fondo-affitti/bandi', json: () => ({ ...bandoFondo, titolo: LONE_SURROGATE }), status: 422, field: 'titolo' },
    { name: 'a rent-fund amount that is a number, not a decimal string', as: 'istruttore', path: () => '/api/fondo-affitti/bandi', json: () => ({ ...bandoFondo, fonti: [{ riferimento: 'DM', importo: 0.1, quota: 'ORDINARIA' }] }), status: 422, field: 'fonti.0.importo' },
    { name: 'an unknown rent-fund application', as: 'bari', method: 'PUT', path: () => `/api/fondo-affitti/domande/${unknownId}/bozza`, json: () => ({}), status: 404 },
    { name: 'a rent-fund id that is not one', as: 'istruttore', path: () => '/api/fondo-affitti/bandi/non-un-id', status: 422, field: 'id' },
    { name: 'a NUL in a liquidation act’s number', as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/liquidazioni`, json: () => ({ enti: [bariId], numeroAtto: NUL, dataAtto: '2030-01-15' }), status: 422, field: 'numeroAtto' },
    { name: 'a liquidation naming a Comune by something else than its id', as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/liquidazioni`, json: () => ({ enti: ['Bari'], numeroAtto: '12', dataAtto: '2030-01-15' }), status: 422, field: 'enti.0' },
    { name: 'a liquidation of no Comune', as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/liquidazioni`, json: () => ({ enti: [], numeroAtto: '12', dataAtto: '2030-01-15' }), status: 422, field: 'enti' },
    { name: 'a liquidation of an unknown call', as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/liquidazioni`, json: () => ({ enti: [bariId], numeroAtto: '12', dataAtto: '2030-01-15' }), status: 404 },
    { name: 'a state the call’s Comuni list does not know', as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/comuni?stato=PAGATA`, status: 422, field: 'stato.0' },
    { name: 'a NUL in the call’s Comuni search', as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/comuni?q=Bari%00`, status: 422, field: 'q' },
    { name: 'a NUL in the Comuni\'s reference data search', as: 'admin', path: () => '/api/admin/comuni?q=Bari%00', status: 422, field: 'q' },
    { name: 'a population that is negative', as: 'admin', method: 'PUT', path: () => `/api/admin/comuni/${bariId}`, json: () => ({ ata: true, abitanti: -1 }), status: 422, field: 'abitanti' },
    { name: 'a population that is not a whole number', as: 'admin', method: 'PUT', path: () => `/api/admin/comuni/${bariId}`, json: () => ({ ata: true, abitanti: 10.5 }), status: 422, field: 'abitanti' },
    { name: 'an ATA flag that is not yes or no', as: 'admin', method: 'PUT', path: () => `/api/admin/comuni/${bariId}`, json: () => ({ ata: 'sì', abitanti: 1000 }), status: 422, field: 'ata' },
    { name: 'a NUL in a workflow id', as: 'admin', path: () => '/api/admin/procedure/invio-generico-%00', status: 422, field: 'workflowId' },

    // Impossible dates, on every endpoint that takes one.
    ...['2031-02-31', '2041-02-29', '9999-99-99', '0000-00-00', '2031-13-01', '0000-06-30', '2031-06-30T00:00'].flatMap((date): Case[] => [
      { name: `ricognizione deadline ${date}`, as: 'istruttore', path: () => '/api/ricognizioni', json: () => ({ dataRiferimento: '2030-06-30', scadenza: date }), status: 422, field: 'scadenza' },
      { name: `ricognizione reference date ${date}`, as: 'istruttore', path: () => '/api/ricognizioni', json: () => ({ dataRiferimento: date, scadenza: '2038-09-30' }), status: 422, field: 'dataRiferimento' },
      { name: `rent-fund call opening ${date}`, as: 'istruttore', path: () => '/api/fondo-affitti/bandi', json: () => ({ ...bandoFondo, apertura: date }), status: 422, field: 'apertura' },
      { name: `rent-fund call deadline ${date}`, as: 'istruttore', path: () => '/api/fondo-affitti/bandi', json: () => ({ ...bandoFondo, scadenza: date }), status: 422, field: 'scadenza' },
      { name: `liquidation act date ${date}`, as: 'istruttore', path: () => `/api/fondo-affitti/bandi/${unknownId}/liquidazioni`, json: () => ({ enti: [bariId], numeroAtto: '12', dataAtto: date }), status: 422, field: 'dataAtto' },
      { name: `ricognizione extension ${date}`, as: 'istruttore', path: () => `/api/ricognizioni/${ricognizioneId}/proroga`, json: () => ({ scadenza: date }), status: 422, field: 'scadenza' },
      { name: `flussi reference date ${date}`, as: 'bari', path: () => '/api/flussi', json: () => ({ enteId: bariId, dataRiferimento: date }), status: 422, field: 'dataRiferimento' },
      { name: `stock browser date ${date}`, as: 'bari', path: () => `/api/patrimonio/unita?data=${date}`, status: 422, field: 'data' },
      { name: `stock map date ${date}`, as: 'bari', path: () => `/api/patrimonio/mappa?data=${date}`, status: 422, field: 'data' },
      { name: `stock export date ${date}`, as: 'bari', path: () => '/api/patrimonio/esportazioni', json: () => ({ data: date }), status: 422, field: 'data' },
      { name: `manual entry sale date ${date}`, as: 'bari', path: () => `/api/flussi/${flussiWorkflowId}/manuale`, json: () => ({ fabbricati: [fabbricato], unita: [{ ...unita, stato: 'ALIENATO', dataVendita: date }] }), status: 422, field: 'unita.0.dataVendita' },
    ]),

    // Bad tokens, unknown ids, procedures never started.
    { name: 'a page token Temporal never issued', as: 'admin', path: () => '/api/admin/procedure?pageToken=bm9uLXVuLXRva2Vu', status: 422, field: 'pageToken' },
    { name: 'a page token that is not base64url', as: 'admin', path: () => '/api/admin/procedure?pageToken=%%%', status: 422, field: 'pageToken' },
    { name: 'an unknown transmission', as: 'istruttore', path: () => `/api/flussi/invio-flussi-${unknownId}-2024-12-31`, status: 404 },
    { name: 'the progress of an unknown transmission', as: 'istruttore', path: () => `/api/flussi/invio-flussi-${unknownId}-2024-12-31/avanzamento`, status: 404 },
    { name: 'the progress of a transmission never started', as: 'bari', path: () => `/api/flussi/${neverStarted}/avanzamento`, status: 404 },
    { name: 'the manual form of an unknown transmission', as: 'istruttore', path: () => `/api/flussi/invio-flussi-${unknownId}-2024-12-31/manuale`, status: 404 },
    { name: 'a transmission id with an impossible date', as: 'bari', path: () => `/api/flussi/invio-flussi-${bariId}-9999-99-99`, status: 422, field: 'workflowId' },
    { name: 'a referente named for an unknown ente', as: 'rappresentante', path: () => `/api/enti/${unknownId}/referenti`, json: () => ({ codiceFiscale: demoCf('lecce.referente'), nome: 'Mario', cognome: 'Rossi', aree: ['PATRIMONIO'] }), status: 404 },
    { name: 'an unknown incident', as: 'admin', path: () => `/api/admin/incidenti/${unknownId}/riprova`, json: () => ({}), status: 404 },
    { name: 'a page number beyond what a number holds', as: 'bari', path: () => '/api/patrimonio/unita?pagina=1e400', status: 422, field: 'pagina' },
  ];

  test.each(cases.map((test) => [test.name, test] as const))('when %s is sent, then it is refused with a 4xx naming the field, never a 500', async (_name, test) => {
    const { status, body } = await send(test);

    expect({ status, body }).toMatchObject({ status: test.status });
    expect(body.error.message).not.toMatch(/Errore interno|Unexpected|undefined|Invalid|expected/);
    expect(body.error.message.length).toBeGreaterThan(10);
    if (test.field) expect(body.error.field).toBe(test.field);
  });

  it('when the refused requests are done, then they stored nothing: no communication, accreditation, upload, referente, campaign or transmission', async () => {
    expect(await storedCounts()).toEqual(before);
    expect((await server.platform.db.ricognizione.findUniqueOrThrow({ where: { id: ricognizioneId } })).scadenza).toEqual(new Date('2036-09-30T21:59:59Z'));
    expect(await server.platform.db.task.count({ where: { stato: 'APERTA', id: taskId } })).toBe(1);
    await expect(server.platform.client.workflow.getHandle(`invio-flussi-${bariId}-0000-06-30`).describe()).rejects.toThrow(/not found/i);
  });
});
