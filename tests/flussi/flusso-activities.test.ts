// The flussi activities over the real adapters: an upload validated and kept with its report, a valid
// flusso confirmed as the snapshot, a flusso with errors refused, a declaration of no change, and a
// flusso whose rules fail at its confirmation because the last official snapshot changed meanwhile.
import { renderFlusso, generateEnteFlusso, nextSemesterFlusso } from '../../scripts/generate-stock';
import { startTestPlatform, type TestPlatform } from '../support/platform';

describe('flussi activities', () => {
  let platform: TestPlatform;
  let enteId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    enteId = platform.ref.arcaIds['740000'];
  });
  afterAll(() => platform.close());

  async function file(xml: string, key: string) {
    const stored = await platform.adapters.adapters.documents.store({
      idempotencyKey: key, content: Buffer.from(xml), filename: 'flusso.xml', mimeType: 'application/xml', titolo: 'Flusso', tipo: 'FLUSSO_PATRIMONIALE', enteId,
    });
    return stored.id;
  }

  it('when a valid flusso is uploaded and confirmed, then the attempt is kept and the snapshot holds its stock; a flusso dropping units is refused with the continuity problems', async () => {
    const { validateFlussoUpload, confirmStock } = platform.adapters.activities;
    const first = generateEnteFlusso('740000', { unita: 300, dataRiferimento: '2025-06-30' });
    const upload = { workflowId: 'wf-flussi-740000-2025-06-30', enteId, dataRiferimento: '2025-06-30', tentativo: 1, actorId: platform.ref.users['arca-centrale.referente'] };
    const summary = await validateFlussoUpload({ ...upload, documentId: await file(renderFlusso(first), 'flusso-1') });
    expect(summary).toMatchObject({ esito: 'VALIDO', errori: 0, unitsCount: 300 });
    expect(await validateFlussoUpload({ ...upload, documentId: 'ignored-on-retry' })).toEqual(summary);

    const protocollo = await platform.adapters.adapters.protocol.register({ idempotencyKey: 'flussi-test/1', direction: 'ENTRATA', oggetto: 'Flusso', corrispondente: 'ARCA Nord Salento', workflowId: upload.workflowId });
    const snapshot = await confirmStock({ azione: 'CONFERMA', uploadId: summary.uploadId, enteId, dataRiferimento: '2025-06-30', workflowId: upload.workflowId, protocolloId: protocollo.id });
    expect(snapshot.units).toBe(300);
    expect(await platform.db.housingUnit.count({ where: { snapshotId: snapshot.snapshotId } })).toBe(300);

    const { flusso: second } = nextSemesterFlusso(first, { omesse: 2 });
    const bad = await validateFlussoUpload({ ...upload, workflowId: 'wf-flussi-740000-2025-12-31', dataRiferimento: '2025-12-31', documentId: await file(renderFlusso(second), 'flusso-2') });
    expect(bad).toMatchObject({ esito: 'CON_ERRORI', errori: 2 });
    const problems = await platform.db.flussoProblem.findMany({ where: { uploadId: bad.uploadId } });
    expect(problems.map((problem) => problem.regola)).toEqual(['CONTINUITA_UNITA_ASSENTE', 'CONTINUITA_UNITA_ASSENTE']);
    expect(problems[0]!.messaggio).toMatch(/presente nell'ultima trasmissione ufficiale e assente ora: dichiarala ALIENATO/);
    await expect(confirmStock({ azione: 'CONFERMA', uploadId: bad.uploadId, enteId, dataRiferimento: '2025-12-31', workflowId: 'wf-flussi-740000-2025-12-31', protocolloId: protocollo.id }))
      .rejects.toMatchObject({ type: 'FLUSSO_CON_ERRORI' });
    expect(await platform.db.stockSnapshot.count({ where: { enteId, dataRiferimento: new Date('2025-12-31T00:00:00Z') } })).toBe(0);

    const unchanged = await confirmStock({ azione: 'NESSUNA_VARIAZIONE', enteId, dataRiferimento: '2025-12-31', workflowId: 'wf-flussi-740000-2025-12-31', protocolloId: protocollo.id });
    expect(unchanged.units).toBe(300);
  });

  it('when the last official snapshot changes between the upload and the confirmation so that the rules fail, then the confirmation is refused and nothing of the flusso is stored', async () => {
    const { validateFlussoUpload, confirmStock } = platform.adapters.activities;
    const capitanata = platform.ref.arcaIds['710000'];
    const actorId = platform.ref.users['arca-centrale.referente'];
    // Large enough to be read in several chunks, so the load has begun when the rules run.
    const june = generateEnteFlusso('710000', { unita: 2_000, dataRiferimento: '2025-06-30' });
    const { flusso: december } = nextSemesterFlusso(june, { omesse: 3 });
    const store = async (xml: string, key: string) => (await platform.adapters.adapters.documents.store({
      idempotencyKey: key, content: Buffer.from(xml), filename: 'flusso.xml', mimeType: 'application/xml', titolo: 'Flusso', tipo: 'FLUSSO_PATRIMONIALE', enteId: capitanata,
    })).id;
    const protocollo = await platform.adapters.adapters.protocol.register({ idempotencyKey: 'flussi-test/capitanata', direction: 'ENTRATA', oggetto: 'Flusso', corrispondente: 'ARCA Capitanata', workflowId: 'wf-flussi-710000' });

    // December is uploaded first: with no official snapshot before it, it has no continuity errors.
    const decemberUpload = await validateFlussoUpload({ workflowId: 'wf-flussi-710000-2025-12-31', enteId: capitanata, dataRiferimento: '2025-12-31', documentId: await store(renderFlusso(december), 'capitanata-dicembre'), tentativo: 1, actorId });
    expect(decemberUpload.errori).toBe(0);
    // Then June becomes official, and the three units December leaves out are in it.
    const juneUpload = await validateFlussoUpload({ workflowId: 'wf-flussi-710000-2025-06-30', enteId: capitanata, dataRiferimento: '2025-06-30', documentId: await store(renderFlusso(june), 'capitanata-giugno'), tentativo: 1, actorId });
    await confirmStock({ azione: 'CONFERMA', uploadId: juneUpload.uploadId, enteId: capitanata, dataRiferimento: '2025-06-30', workflowId: 'wf-flussi-710000-2025-06-30', protocolloId: protocollo.id });

    await expect(confirmStock({ azione: 'CONFERMA', uploadId: decemberUpload.uploadId, enteId: capitanata, dataRiferimento: '2025-12-31', workflowId: 'wf-flussi-710000-2025-12-31', protocolloId: protocollo.id }))
      .rejects.toMatchObject({ type: 'FLUSSO_CON_ERRORI', nonRetryable: true });
    expect(await platform.db.stockSnapshot.count({ where: { enteId: capitanata, dataRiferimento: new Date('2025-12-31T00:00:00Z') } })).toBe(0);
    expect(await platform.db.housingUnit.count({ where: { snapshot: { enteId: capitanata } } })).toBe(2_000);
  });
});
