// Manual entry of a small stock through the API, as the Comune di Lecce's legal representative: the
// form starts from the last official snapshot, the edited stock is filed as an attempt (same validation,
// report and list as an upload), and its confirmation becomes a MANUALE snapshot with the rows entered.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSnapshot } from '../../activities/stock';
import type { ParsedBuilding, ParsedUnit } from '../../activities/stock/types';
import { COMUNE_LECCE } from '../../prisma/seed/enti';
import { FLUSSO_DOCUMENTO } from '../../workflows/shared/flussi';
import { validateWithXmllint } from '../flussi/format/xmllint';
import { demoCf } from '../support/demo';
import { pdfText } from '../support/pdf-text';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';

interface ApiError { error: { code: string; message: string; field?: string; dettagli?: { field: string; message: string }[] } }
interface Summary { uploadId: string; tentativo: number; esito: string; errori: number; avvisi: number; unitsCount: number; buildingsCount: number }
interface Start {
  enteCodice: string;
  origine: string;
  dataRiferimento: string;
  dataSnapshot?: string;
  tentativo?: number;
  limiti: { unita: number; fabbricati: number };
  fabbricati: ParsedBuilding[];
  unita: ParsedUnit[];
}

/** Lecce's stock at its last official transmission: 2 buildings, 12 units. */
function previousStock(): { buildings: ParsedBuilding[]; units: ParsedUnit[] } {
  const buildings: ParsedBuilding[] = [1, 2].map((n) => ({
    codice: `LE-${n}`, indirizzo: `Via Leuca ${n * 10}`, istatComune: COMUNE_LECCE, latitudine: 40.35 + n / 1000, longitudine: 18.17,
    annoCostruzione: 1970 + n, piani: 4, statoConservazione: 'BUONO',
  }));
  const units: ParsedUnit[] = Array.from({ length: 12 }, (_, i) => ({
    codice: `${COMUNE_LECCE}-${i + 1}`, buildingCodice: `LE-${i < 6 ? 1 : 2}`, foglio: '31', particella: String(400 + (i < 6 ? 1 : 2)), subalterno: String(i + 1),
    categoria: 'A/3', superficie: 60 + i + 0.25, vani: 3.5, uso: 'SAP', stato: 'LOCATO', dataVendita: null, canoneMensile: `${95 + i}.5`,
  }));
  return { buildings, units };
}

describe('manual entry of the stock through the API', () => {
  let server: TestServer;
  let rappresentante: ApiSession;
  let lecceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    rappresentante = await signIn(server.baseUrl, demoCf('lecce.rappresentante'));
    lecceId = server.platform.ref.demoComuneIds[COMUNE_LECCE];
    await loadSnapshot(server.platform.db, process.env.DATABASE_URL!, { enteId: lecceId, dataRiferimento: '2023-12-31', tipo: 'FLUSSO', ...previousStock() });
  });
  afterAll(() => server.close());

  const open = async (dataRiferimento: string) => {
    const started = await rappresentante.postJson<{ workflowId: string }>('/api/flussi', { enteId: lecceId, dataRiferimento });
    expect(started.status).toBe(201);
    return started.body.workflowId;
  };

  it('when the ente edits its last snapshot in the form, reads the report and confirms, then the snapshot is MANUALE and holds the rows entered', async () => {
    const workflowId = await open('2024-06-30');
    const start = await rappresentante.json<Start>(`/api/flussi/${workflowId}/manuale`);
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ enteCodice: COMUNE_LECCE, dataRiferimento: '2024-06-30', origine: 'SNAPSHOT', dataSnapshot: '2023-12-31', limiti: { unita: 500 } });
    expect(start.body.unita).toHaveLength(12);
    expect(start.body.fabbricati.map((b) => b.codice)).toEqual(['LE-1', 'LE-2']);
    expect(start.body.unita[0]).toMatchObject({ codice: `${COMUNE_LECCE}-1`, superficie: 60.25, vani: 3.5, stato: 'LOCATO', canoneMensile: '95.50', dataVendita: null });

    // The referente edits rather than retypes: one unit sold, one added (unusually large), an address corrected.
    const { fabbricati, unita } = start.body;
    const sold = unita.find((u) => u.codice === `${COMUNE_LECCE}-1`)!;
    Object.assign(sold, { stato: 'ALIENATO', dataVendita: '2024-03-15', canoneMensile: null });
    unita.push({ ...unita[5]!, codice: `${COMUNE_LECCE}-13`, subalterno: '13', superficie: 300, canoneMensile: '410' });
    fabbricati[1]!.indirizzo = 'Via Santa Maria di Leuca 20 & 22';
    const filed = await rappresentante.postJson<Summary>(`/api/flussi/${workflowId}/manuale`, { fabbricati, unita });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ tentativo: 1, esito: 'CON_AVVISI', errori: 0, avvisi: 1, unitsCount: 13, buildingsCount: 2 });

    // Listed with the uploads, marked as manual, with its report like any attempt.
    const state = await rappresentante.json<{ attivita: { id: string }; caricamenti: { id: string; manuale: boolean; rapportoPdfUrl: string; flussoUrl: string }[] }>(`/api/flussi/${workflowId}`);
    expect(state.body.caricamenti).toEqual([expect.objectContaining({ id: filed.body.uploadId, manuale: true })]);
    const problems = await rappresentante.json<{ items: { regola: string; unita: string }[] }>(`/api/flussi/caricamenti/${filed.body.uploadId}/problemi`);
    expect(problems.body.items).toEqual([expect.objectContaining({ regola: 'SUPERFICIE_INSOLITA', unita: `${COMUNE_LECCE}-13` })]);
    const pdf = await rappresentante.fetch(state.body.caricamenti[0]!.rapportoPdfUrl);
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('n. 1 – inserimento manuale nel modulo');
    expect(text).toContain(`L'unità ${COMUNE_LECCE}-13 ha <Superficie> di 300 m²`);

    // The filed flusso is the platform's own XML, valid against the published schema.
    const document = await server.platform.db.document.findFirstOrThrow({ where: { workflowId, tipo: FLUSSO_DOCUMENTO.manuale } });
    const xml = (await server.platform.adapters.adapters.documents.read(document.id)).content.toString('utf8');
    expect(xml).toContain('<Indirizzo>Via Santa Maria di Leuca 20 &amp; 22</Indirizzo>');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'push-manuale-test-'));
    try {
      await writeFile(path.join(dir, 'flusso.xml'), xml);
      expect(await validateWithXmllint([path.join(dir, 'flusso.xml')])).toMatchObject({ valid: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // Reopened, the form starts from this attempt, edits included.
    const again = await rappresentante.json<Start>(`/api/flussi/${workflowId}/manuale`);
    expect(again.body).toMatchObject({ origine: 'CARICAMENTO', tentativo: 1 });
    expect(again.body.unita).toHaveLength(13);
    expect(again.body.unita.find((u) => u.codice === `${COMUNE_LECCE}-1`)).toMatchObject({ stato: 'ALIENATO', dataVendita: '2024-03-15' });

    const confirmed = await rappresentante.postJson(`/api/tasks/${state.body.attivita.id}/complete`, { decision: { azione: 'CONFERMA', uploadId: filed.body.uploadId } });
    expect(confirmed.status).toBe(200);
    const snapshot = await eventually(() => server.platform.db.stockSnapshot.findFirst({ where: { workflowId } }), 60_000);
    expect(snapshot).toMatchObject({ tipo: 'MANUALE', unitsCount: 13, buildingsCount: 2, documentId: document.id });
    const rows = await server.platform.db.housingUnit.findMany({ where: { snapshotId: snapshot.id }, orderBy: { codice: 'asc' } });
    expect(rows).toHaveLength(13);
    expect(rows.find((row) => row.codice === `${COMUNE_LECCE}-1`)).toMatchObject({ stato: 'ALIENATO', dataVendita: new Date('2024-03-15T00:00:00Z'), canoneMensile: null });
    expect(rows.find((row) => row.codice === `${COMUNE_LECCE}-13`)).toMatchObject({ superficie: 300, buildingCodice: 'LE-1' });
    // Money is exact: numeric(14,2) in the database, a decimal in code.
    expect(rows.find((row) => row.codice === `${COMUNE_LECCE}-13`)!.canoneMensile?.toFixed(2)).toBe('410.00');
    expect(await server.platform.db.building.findFirst({ where: { snapshotId: snapshot.id, codice: 'LE-2' } })).toMatchObject({ indirizzo: 'Via Santa Maria di Leuca 20 & 22' });
    const view = await rappresentante.json<{ snapshot: { tipo: string } }>(`/api/flussi/${workflowId}`);
    expect(view.body.snapshot.tipo).toBe('MANUALE');
  });

  it('when the form has wrong values, then it is refused naming each row and field, and nothing is stored', async () => {
    // No snapshot before this date: the form starts empty.
    const workflowId = await open('2022-12-31');
    expect((await rappresentante.json<Start>(`/api/flussi/${workflowId}/manuale`)).body).toMatchObject({ origine: 'VUOTO', fabbricati: [], unita: [] });
    const documentsBefore = await server.platform.db.document.count({ where: { tipo: FLUSSO_DOCUMENTO.manuale } });
    const { buildings, units } = previousStock();
    const stored = async () => ({
      uploads: await server.platform.db.flussoUpload.count({ where: { workflowId } }),
      documents: await server.platform.db.document.count({ where: { tipo: FLUSSO_DOCUMENTO.manuale } }) - documentsBefore,
    });

    const wrong = units.map((u, i) => (i === 2 ? { ...u, superficie: -5 } : u));
    const badBuildings = buildings.map((b, i) => (i === 0 ? { ...b, istatComune: 'Lecce' } : b));
    const refused = await rappresentante.postJson<ApiError>(`/api/flussi/${workflowId}/manuale`, { fabbricati: badBuildings, unita: wrong });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'DATI_NON_VALIDI', field: 'fabbricati.0.istatComune' });
    expect(refused.body.error.dettagli).toEqual([
      { field: 'fabbricati.0.istatComune', message: 'fabbricato 1 (LE-1), Comune (codice ISTAT): il codice ISTAT del Comune, di 6 cifre (es. 072006 per Bari)' },
      { field: 'unita.2.superficie', message: `unità 3 (${COMUNE_LECCE}-3), superficie: deve essere maggiore di 0 m²` },
    ]);
    expect(refused.body.error.message).toContain('(e altri 1 campi da correggere)');

    for (const [body, field, text] of [
      [{ fabbricati: buildings, unita: [{ ...units[0]!, superficie: 'settanta' }] }, 'unita.0.superficie', 'superficie: deve essere un numero'],
      [{ fabbricati: buildings, unita: [{ ...units[0]!, dataVendita: '2024-02-30' }] }, 'unita.0.dataVendita', 'data di vendita: non è una data esistente'],
      [{ fabbricati: buildings, unita: [{ ...units[0]!, stato: 'VENDUTO' }] }, 'unita.0.stato', 'stato: deve essere uno degli stati ammessi'],
      [{ fabbricati: buildings, unita: [] }, 'unita', "aggiungi almeno un'unità"],
      [{ fabbricati: buildings, unita: Array.from({ length: 501 }, (_, i) => ({ ...units[0]!, codice: `${COMUNE_LECCE}-${i + 1}` })) }, 'unita', 'fino a 500 unità'],
    ] as const) {
      const response = await rappresentante.postJson<ApiError>(`/api/flussi/${workflowId}/manuale`, body);
      expect([response.status, response.body.error.field]).toEqual([422, field]);
      expect(response.body.error.message).toContain(text);
    }
    expect(await stored()).toEqual({ uploads: 0, documents: 0 });

    // The Region sees the transmission but does not enter the ente's stock.
    const istruttore = await signIn(server.baseUrl, demoCf('regione.istruttore'));
    expect((await istruttore.json(`/api/flussi/${workflowId}/manuale`)).status).toBe(200);
    expect((await istruttore.postJson(`/api/flussi/${workflowId}/manuale`, { fabbricati: buildings, unita: units })).status).toBe(403);
    expect(await stored()).toEqual({ uploads: 0, documents: 0 });

    // Well-formed values that break a rule are not refused: they are an attempt with errors in its report.
    const outside = await rappresentante.postJson<Summary>(`/api/flussi/${workflowId}/manuale`, { fabbricati: buildings, unita: [{ ...units[0]!, buildingCodice: 'LE-99' }] });
    expect(outside.status).toBe(201);
    expect(outside.body).toMatchObject({ tentativo: 1, esito: 'CON_ERRORI', errori: 1 });
    const problems = await rappresentante.json<{ items: { regola: string; messaggio: string }[] }>(`/api/flussi/caricamenti/${outside.body.uploadId}/problemi`);
    expect(problems.body.items).toEqual([expect.objectContaining({ regola: 'COERENZA_FABBRICATO' })]);
  });
});
