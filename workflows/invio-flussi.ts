// Procedure 2 — Invio flussi patrimoniali, for one ente and reference date: the ente's PATRIMONIO
// referenti upload flussi (each attempt validated and kept with its report) until one has no errors,
// then confirm it — or declare a consistenza nulla, or no change since the last transmission. The
// transmission is protocolled in, loaded as the ente's snapshot, and a receipt is filed and sent by PEC.
import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { HumanTasks } from './human-tasks';
import { setBusinessState } from './kit/business-state';
import { Notices } from './kit/notices';
import { fileReceipt } from './kit/receipt';
import { STEP_OPTIONS, Incidents } from './incidents';
import { holdsCandidacy, type TaskCandidates } from './shared/actor';
import { dataItaliana } from './shared/dates';
import { message, protocolloCitato } from './shared/messages';
import { accettaCaricamentiQuery, caricaFlussoUpdate, INVIO_FLUSSI, scadenzaSignal, type InvioFlussiInput, type UploadSummary } from './shared/flussi';
import { INVIO_FLUSSI_PROCEDURE } from './shared/procedures';
import { refuse, TASK_FAILURE } from './shared/tasks';

const raw = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', ...STEP_OPTIONS });

// Validation of a large flusso heartbeats its progress: a stuck one is noticed within the heartbeat timeout.
const validation = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
});

export interface InvioFlussiResult {
  azione: 'CONFERMA' | 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';
  snapshotId: string;
  units: number;
  protocollo: { numero: number; anno: number };
}

export async function invioFlussi(input: InvioFlussiInput): Promise<InvioFlussiResult> {
  const { workflowId } = workflowInfo();
  const incidents = new Incidents({ enteId: input.enteId, regioneEnteId: input.regioneEnteId });
  const tasks = new HumanTasks(incidents);
  const acts = incidents.guard(raw);
  const loading = incidents.guard(validation);
  const notices = new Notices({ incidents, enteId: input.enteId });
  let referenti: TaskCandidates = { candidateEnteId: input.enteId, candidateRole: 'REFERENTE', candidateArea: 'PATRIMONIO' };
  const uploads = new Map<string, UploadSummary>();
  let attempts = 0;
  let closed = false;
  let scadenza = input.scadenza;

  // A ricognizione sets the deadline of a transmission the ente opened first, and moves it on extension.
  setHandler(scadenzaSignal, async (signal) => {
    scadenza = signal.scadenza;
    await tasks.reschedule('trasmissione', scadenza);
  });

  setHandler(caricaFlussoUpdate, async ({ documentId, actor }) => {
    // Reserved before awaiting: two uploads at once get two attempts.
    const tentativo = ++attempts;
    const summary = await validation.validateFlussoUpload({ workflowId, enteId: input.enteId, dataRiferimento: input.dataRiferimento, documentId, tentativo, actorId: actor.userId });
    uploads.set(summary.uploadId, summary);
    setBusinessState(INVIO_FLUSSI_PROCEDURE, summary.esito === 'CON_ERRORI' ? 'FLUSSO_CON_ERRORI' : 'FLUSSO_VALIDATO');
    return summary;
  }, {
    validator: ({ actor }) => {
      if (closed) refuse(TASK_FAILURE.notOpen, 'La trasmissione è già conclusa.');
      if (!holdsCandidacy(actor, referenti)) {
        refuse(TASK_FAILURE.notAllowed, 'Carica i flussi un referente PATRIMONIO dell’ente o il suo rappresentante legale.');
      }
    },
  });
  // The same condition as the update's validator, for the API to ask before it receives a file.
  setHandler(accettaCaricamentiQuery, () => !closed);
  setBusinessState(INVIO_FLUSSI_PROCEDURE, 'IN_ATTESA');
  // The capofila's people act for a member Comune of its ambito; the ambito is read once, as the task opens.
  if (input.perAmbito) referenti = await acts.ambitoCandidates({ enteId: input.enteId, role: 'REFERENTE', area: 'PATRIMONIO' });

  const { decision, actor } = await tasks.ask({
    taskKey: 'trasmissione',
    titolo: `Trasmissione del patrimonio al ${dataItaliana(input.dataRiferimento)}`,
    procedura: INVIO_FLUSSI,
    enteId: input.enteId,
    candidates: referenti,
    dueAt: scadenza,
    formKey: 'trasmissione-flusso',
    data: { dataRiferimento: input.dataRiferimento, ente: input.enteDenominazione },
  }, (choice) => {
    if (choice.azione !== 'CONFERMA') return null;
    const upload = uploads.get(choice.uploadId!);
    if (!upload) return { field: 'uploadId', message: 'Flusso da confermare: non risulta caricato per questa trasmissione' };
    if (upload.esito === 'CON_ERRORI') return { field: 'uploadId', message: `Flusso da confermare: il caricamento n. ${upload.tentativo} ha ${upload.errori} errori, correggili e carica di nuovo` };
    return null;
  });
  closed = true;

  const declaration = decision.azione === 'CONSISTENZA_NULLA'
    ? `${input.enteDenominazione} dichiara che al ${dataItaliana(input.dataRiferimento)} non possiede alloggi di edilizia residenziale pubblica.`
    : `${input.enteDenominazione} dichiara che al ${dataItaliana(input.dataRiferimento)} il patrimonio non è variato rispetto all’ultima trasmissione ufficiale.`;
  const documento = decision.azione === 'CONFERMA'
    ? uploads.get(decision.uploadId!)!.documento
    : await acts.fileDeclaration({ idempotencyKey: `${workflowId}/dichiarazione`, workflowId, enteId: input.enteId, titolo: 'Dichiarazione sul patrimonio', testo: `${declaration}\nDichiarazione resa da ${actor.nomeCompleto}.` });
  const oggetto = `Trasmissione del patrimonio ERP al ${dataItaliana(input.dataRiferimento)} – ${input.enteDenominazione}`;
  const registration = await acts.registerProtocol({
    idempotencyKey: `${workflowId}/protocollo`,
    direction: 'ENTRATA',
    oggetto,
    corrispondente: input.enteDenominazione,
    workflowId,
    documenti: { primario: { nome: documento.nome, sha256: documento.sha256, documentId: documento.documentId }, allegati: [] },
  });
  const snapshot = await loading.confirmStock({
    azione: decision.azione,
    uploadId: decision.uploadId,
    enteId: input.enteId,
    dataRiferimento: input.dataRiferimento,
    workflowId,
    protocolloId: registration.id,
  });
  setBusinessState(INVIO_FLUSSI_PROCEDURE, 'TRASMESSO');

  const ricevuta = await fileReceipt(acts, {
    registration, oggetto, mittente: input.enteDenominazione, inviatoDa: actor.nomeCompleto, documenti: [documento], enteId: input.enteId,
  });
  if (input.entePec) {
    await notices.send('ricevuta', input.entePec, message('flussi-ricevuta', { dataRiferimento: input.dataRiferimento, protocollo: protocolloCitato(registration), unita: snapshot.units }), [ricevuta.documentId]);
  }
  await tasks.settled();
  return { azione: decision.azione, snapshotId: snapshot.snapshotId, units: snapshot.units, protocollo: { numero: registration.number, anno: registration.year } };
}
