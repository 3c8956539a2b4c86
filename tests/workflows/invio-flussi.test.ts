// Invio flussi patrimoniali on a real Temporal server with the real adapters: an upload with errors is
// kept but cannot be confirmed; a valid one is confirmed, protocolled, loaded and acknowledged by PEC.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { loadActor } from '../../api/auth/actor';
import { renderFlusso, generateEnteFlusso } from '../../scripts/generate-stock';
import { caricaFlussoUpdate, INVIO_FLUSSI_WORKFLOW, invioFlussiWorkflowId, type InvioFlussiInput } from '../../workflows/shared/flussi';
import { completeTaskUpdate } from '../../workflows/shared/tasks';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { validateWithXmllint } from '../support/segnatura-schema';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

describe('invio flussi workflow', () => {
  let platform: TestPlatform;
  let enteId: string;
  let referenteId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startWorker();
    enteId = platform.ref.arcaIds['750000'];
    const referente = await platform.db.user.create({
      data: {
        codiceFiscale: `PTRMCL81C10E506${codiceFiscaleCheckChar('PTRMCL81C10E506')}`,
        nome: 'Marcello',
        cognome: 'Patrimonio',
        roles: { create: { enteId, ruolo: 'REFERENTE', area: 'PATRIMONIO' } },
      },
    });
    referenteId = referente.id;
  });
  afterAll(() => platform.close());

  async function start(dataRiferimento: string, entePec: string | null) {
    const input: InvioFlussiInput = { enteId, enteDenominazione: 'ARCA Sud Salento', entePec, dataRiferimento, scadenza: null, regioneEnteId: platform.ref.regioneId };
    const handle = await platform.client.workflow.start(INVIO_FLUSSI_WORKFLOW, { workflowId: invioFlussiWorkflowId(enteId, dataRiferimento), taskQueue: platform.taskQueue, args: [input] });
    const task = await eventually(() => platform.db.task.findFirst({ where: { workflowId: handle.workflowId, stato: 'APERTA' } }));
    return { handle, task };
  }

  async function upload(xml: string, key: string) {
    const stored = await platform.adapters.adapters.documents.store({ idempotencyKey: key, content: Buffer.from(xml), filename: 'flusso.xml', mimeType: 'application/xml', titolo: 'Flusso', tipo: 'FLUSSO_PATRIMONIALE', enteId });
    return stored.id;
  }

  it('when a flusso with errors and then a valid one are uploaded, then only the valid one can be confirmed, and it becomes the protocolled snapshot with a receipt by PEC', async () => {
    const { handle, task } = await start('2025-06-30', 'protocollo@pec.arcasudsalento.example');
    const actor = await loadActor(platform.db, referenteId);

    const wrongEnte = renderFlusso(generateEnteFlusso('740000', { unita: 50, dataRiferimento: '2025-06-30' }));
    const bad = await handle.executeUpdate(caricaFlussoUpdate, { args: [{ documentId: await upload(wrongEnte, 'invio-flussi/bad'), actor }] });
    expect(bad).toMatchObject({ tentativo: 1, esito: 'CON_ERRORI' });
    const refused = await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor, decision: { azione: 'CONFERMA', uploadId: bad.uploadId } }] }).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'DATI_NON_VALIDI', details: [{ field: 'uploadId' }] });

    const intruder = await platform.actor('lecce.referente');
    const notAllowed = await handle.executeUpdate(caricaFlussoUpdate, { args: [{ documentId: 'x', actor: intruder }] }).then(() => null, (error: unknown) => error);
    expect((notAllowed as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'NON_AUTORIZZATO' });

    const valid = renderFlusso(generateEnteFlusso('750000', { unita: 200, dataRiferimento: '2025-06-30' }));
    const good = await handle.executeUpdate(caricaFlussoUpdate, { args: [{ documentId: await upload(valid, 'invio-flussi/good'), actor }] });
    expect(good).toMatchObject({ tentativo: 2, esito: 'VALIDO', unitsCount: 200 });
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor, decision: { azione: 'CONFERMA', uploadId: good.uploadId } }] });

    const result = await handle.result();
    expect(result).toMatchObject({ azione: 'CONFERMA', units: 200 });
    const registration = await platform.db.protocolRegistration.findFirstOrThrow({ where: { workflowId: handle.workflowId } });
    expect((await validateWithXmllint(registration.segnatura!)).valid).toBe(true);
    expect(registration.segnatura).toContain(Buffer.from(good.documento.sha256, 'hex').toString('base64'));
    expect(await platform.db.stockSnapshot.findUniqueOrThrow({ where: { id: result.snapshotId } })).toMatchObject({ tipo: 'FLUSSO', unitsCount: 200, protocolloId: registration.id });
    expect(await platform.db.flussoUpload.count({ where: { workflowId: handle.workflowId } })).toBe(2);
    const pec = await platform.db.pecMessage.findFirstOrThrow({ where: { workflowId: handle.workflowId } });
    expect(pec.stato).toBe('CONSEGNATO');
    expect(await platform.db.document.count({ where: { workflowId: handle.workflowId, tipo: 'RICEVUTA_PROTOCOLLO' } })).toBe(1);
  });

  it('when the ente declares a consistenza nulla, then an empty snapshot is protocolled with the declaration', async () => {
    const { handle, task } = await start('2025-12-31', null);
    const actor = await loadActor(platform.db, referenteId);
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor, decision: { azione: 'CONSISTENZA_NULLA' } }] });
    const result = await handle.result();
    expect(result).toMatchObject({ azione: 'CONSISTENZA_NULLA', units: 0 });
    const declaration = await platform.db.document.findFirstOrThrow({ where: { workflowId: handle.workflowId, tipo: 'DICHIARAZIONE_PATRIMONIO' } });
    const registration = await platform.db.protocolRegistration.findFirstOrThrow({ where: { workflowId: handle.workflowId } });
    expect(registration.segnatura).toContain(Buffer.from(declaration.sha256, 'hex').toString('base64'));
  });
});
