// Issuing an act: (optionally) prepare it for the signer to read → render it from its template → sign it (PAdES) by the dirigente who decided → file it →
// protocol it out with its segnatura → record it in the procedure's own rows → send it by PEC and track the
// delivery (an undelivered PEC is an incident). Each step has its own idempotency key derived from the
// act's key, so a retried step never renders, signs, numbers or sends twice.
import { workflowInfo } from '@temporalio/workflow';
import type { PrepareActInput, ProduceActInput, ProducedAct } from '../../activities/acts/produce-act';
import type { Registration, RegistrationRequest } from '../../activities/protocol/protocol-register';
import type { DecisionProblem } from '../shared/forms';
import type { Message } from '../shared/messages';
import type { Notices } from './notices';

/** The activities issuing needs, guarded by the procedure's incidents. */
export interface ActActivities {
  prepareAct(input: PrepareActInput): Promise<ProducedAct>;
  produceAct(input: ProduceActInput): Promise<ProducedAct>;
  registerProtocol(request: RegistrationRequest): Promise<Registration>;
}

export interface ActToIssue {
  /** Names the act in its procedure: the document's key, and the PEC's. */
  key: string;
  /** The template in templates/ and its data. */
  template: string;
  data: Record<string, unknown>;
  titolo: string;
  /** The document's type in the document store. */
  tipo: string;
  /** The dirigente who decided, who signs it; without one it is filed unsigned. */
  signerUserId?: string;
  /** The draft the signer read and confirmed (prepareAct): signed as it is, not rendered again. */
  draft?: ProducedAct;
  /** The protocol's subject and addressee (the ente). */
  protocollo: { oggetto: string; corrispondente: string; idempotencyKey?: string };
  /** The ente's PEC address and the message the act travels with; no address, no PEC. */
  pec?: { to: string | null; message: (registration: Registration) => Message };
}

export interface IssuedAct {
  documento: ProducedAct;
  protocollo: Registration;
}

type Kit = { acts: ActActivities; notices: Notices; enteId: string };

/** What renders an act and files it under its procedure and ente (its key aside). */
const renderingOf = (kit: Kit, act: Pick<ActToIssue, 'template' | 'data' | 'titolo' | 'tipo'>) =>
  ({ template: act.template, data: act.data, titolo: act.titolo, tipo: act.tipo, workflowId: workflowInfo().workflowId, enteId: kit.enteId });

/**
 * Files the act as it will be signed, for the signer to read before deciding (a PDF preview in the task):
 * issueAct then signs those very bytes. One draft per `attempt` (say, the round of a review), since what
 * the act says may change between attempts.
 */
export async function prepareAct(kit: Kit, act: Pick<ActToIssue, 'key' | 'template' | 'data' | 'titolo' | 'tipo'>, attempt: string): Promise<ProducedAct> {
  const { workflowId } = workflowInfo();
  return kit.acts.prepareAct({ idempotencyKey: `${workflowId}/${act.key}/da-firmare-${attempt}`, ...renderingOf(kit, act) });
}

/**
 * The signer's decision must confirm the very draft they read (its Impronta, from the task's «Ho letto»):
 * the check a firma task gives HumanTasks. `atto` names the act in the message ("il provvedimento").
 */
export function confirmsDraft(draft: ProducedAct | undefined, atto: string) {
  return (decision: { esito: string; impronta?: string }): DecisionProblem | null => {
    if (!draft || decision.esito !== 'FIRMA' || decision.impronta === draft.sha256) return null;
    return {
      field: 'impronta',
      message: decision.impronta
        ? `Conferma di lettura: ${atto} confermato non è quello da firmare; ricarica la pagina e rileggilo.`
        : `Conferma di lettura: conferma di aver letto ${atto} da firmare.`,
    };
  };
}

export async function issueAct(
  kit: Kit,
  act: ActToIssue,
  /** The procedure's own record of the act (its state, its rows), between the protocol and the PEC. */
  record?: (issued: IssuedAct) => Promise<void>,
): Promise<IssuedAct> {
  const { workflowId } = workflowInfo();
  const documento = await kit.acts.produceAct({
    idempotencyKey: `${workflowId}/${act.key}`,
    ...renderingOf(kit, act),
    ...(act.signerUserId ? { signerUserId: act.signerUserId } : {}),
    ...(act.draft ? { draftDocumentId: act.draft.documentId } : {}),
  });
  const protocollo = await kit.acts.registerProtocol({
    idempotencyKey: act.protocollo.idempotencyKey ?? `${workflowId}/${act.key}/protocollo`,
    direction: 'USCITA',
    oggetto: act.protocollo.oggetto,
    corrispondente: act.protocollo.corrispondente,
    workflowId,
    documenti: { primario: documento, allegati: [] },
  });
  const issued = { documento, protocollo };
  await record?.(issued);
  if (act.pec?.to) await kit.notices.send(act.key, act.pec.to, act.pec.message(protocollo), [documento.documentId]);
  return issued;
}
