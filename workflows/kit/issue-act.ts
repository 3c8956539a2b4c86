// Issuing an act: render it from its template → sign it (PAdES) by the dirigente who decided → file it →
// protocol it out with its segnatura → record it in the procedure's own rows → send it by PEC and track the
// delivery (an undelivered PEC is an incident). Each step has its own idempotency key derived from the
// act's key, so a retried step never renders, signs, numbers or sends twice.
import { workflowInfo } from '@temporalio/workflow';
import type { ProducedAct } from '../../activities/acts/produce-act';
import type { Registration, RegistrationRequest } from '../../activities/protocol/protocol-register';
import type { Message } from '../shared/messages';
import type { Notices } from './notices';

/** The activities issuing needs, guarded by the procedure's incidents. */
export interface ActActivities {
  produceAct(input: { idempotencyKey: string; template: string; data: Record<string, unknown>; titolo: string; tipo: string; workflowId: string; enteId: string; signerUserId?: string }): Promise<ProducedAct>;
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
  /** The protocol's subject and addressee (the ente). */
  protocollo: { oggetto: string; corrispondente: string; idempotencyKey?: string };
  /** The ente's PEC address and the message the act travels with; no address, no PEC. */
  pec?: { to: string | null; message: (registration: Registration) => Message };
}

export interface IssuedAct {
  documento: ProducedAct;
  protocollo: Registration;
}

export async function issueAct(
  kit: { acts: ActActivities; notices: Notices; enteId: string },
  act: ActToIssue,
  /** The procedure's own record of the act (its state, its rows), between the protocol and the PEC. */
  record?: (issued: IssuedAct) => Promise<void>,
): Promise<IssuedAct> {
  const { workflowId } = workflowInfo();
  const documento = await kit.acts.produceAct({
    idempotencyKey: `${workflowId}/${act.key}`,
    template: act.template,
    data: act.data,
    titolo: act.titolo,
    tipo: act.tipo,
    workflowId,
    enteId: kit.enteId,
    ...(act.signerUserId ? { signerUserId: act.signerUserId } : {}),
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
