// Procedure 2, the campaign — Ricognizione patrimoniale: the Region asks every ente in scope for its stock
// at a reference date by a deadline. Each ente gets its own Invio flussi patrimoniali (a child, or the
// transmission it had already opened, which gets the deadline); a PEC announces the campaign and
// reminders go out at the configured days from the deadline, only to the enti still due. The Region may
// extend the deadline (the enti's tasks follow) and closes the campaign; open transmissions stay open.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import { startingSearchAttributes } from '../temporal-config/settings';
import { invioFlussiWorkflowId, scadenzaSignal, type InvioFlussiInput } from './shared/flussi';
import { chiudiRicognizioneUpdate, prorogaScadenzaUpdate, runsCampaigns, type RicognizioneInput } from './shared/ricognizione';
import { INVIO_FLUSSI_PROCEDURE, RICOGNIZIONE_PROCEDURE } from './shared/procedures';
import { refuse, TASK_FAILURE } from './shared/tasks';
import { ACTIVITY_RETRY, Incidents } from './incidents';
import { invioFlussi } from './invio-flussi';
import { setBusinessState } from './kit/business-state';

// The Update handlers' activities answer whoever sent the Update; the campaign's own go through incidents.
const acts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: ACTIVITY_RETRY });

// A round of PEC to a few hundred enti takes a while: it heartbeats, and a retry skips those already sent.
const pecRounds = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

const REAL_DAY_MS = 24 * 60 * 60 * 1000;

/** The reminder still to send next: the earliest round counted from the current deadline not yet sent or skipped. */
function nextReminder(scadenza: string, giorni: readonly number[], done: ReadonlySet<string>, dayMs: number) {
  return giorni
    .map((days) => ({ key: `${days}@${scadenza}`, at: Date.parse(scadenza) + days * dayMs }))
    .filter((round) => !done.has(round.key))
    .sort((a, b) => a.at - b.at)[0];
}

export async function ricognizionePatrimoniale(input: RicognizioneInput): Promise<{ stato: 'CHIUSA' }> {
  const { workflowId } = workflowInfo();
  const dayMs = input.durataGiornoMs ?? REAL_DAY_MS;
  let scadenza = input.scadenza;
  let closed = false;
  const incidents = new Incidents({ enteId: input.regioneEnteId, regioneEnteId: input.regioneEnteId });
  const campaign = incidents.guard(acts);
  const rounds = incidents.guard(pecRounds);

  /** Sets the deadline on each due ente's transmission; one already ended has nothing to set. */
  async function tellTransmissions(enteIds: readonly string[]): Promise<void> {
    await Promise.all(enteIds.map(async (enteId) => {
      try {
        await getExternalWorkflowHandle(invioFlussiWorkflowId(enteId, input.dataRiferimento)).signal(scadenzaSignal, { scadenza });
      } catch {
        // Completed in the meantime: the ente has transmitted.
      }
    }));
  }

  setHandler(prorogaScadenzaUpdate, async (proroga) => {
    scadenza = new Date(proroga.scadenza).toISOString();
    await acts.setCampaignDeadline({ ricognizioneId: input.ricognizioneId, scadenza, actorId: proroga.actor.userId, regioneEnteId: input.regioneEnteId });
    const due = await acts.dueEnti({ ricognizioneId: input.ricognizioneId });
    await tellTransmissions(due.map((ente) => ente.enteId));
    return { scadenza };
  }, {
    validator: ({ scadenza: proposed, actor }) => {
      if (!runsCampaigns(actor, input.regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Proroga la scadenza un istruttore o un dirigente della Regione.');
      if (closed) refuse(TASK_FAILURE.notOpen, 'La ricognizione è chiusa.');
      if (!(Date.parse(proposed) > Date.parse(scadenza))) refuse(TASK_FAILURE.invalidDecision, 'scadenza: la nuova scadenza deve essere successiva a quella attuale.', 'scadenza');
    },
  });
  setHandler(chiudiRicognizioneUpdate, async ({ actor }) => {
    closed = true;
    await acts.closeCampaign({ ricognizioneId: input.ricognizioneId, actorId: actor.userId, regioneEnteId: input.regioneEnteId });
  }, {
    validator: ({ actor }) => {
      if (!runsCampaigns(actor, input.regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Chiude la ricognizione un istruttore o un dirigente della Regione.');
      if (closed) refuse(TASK_FAILURE.notOpen, 'La ricognizione è già chiusa.');
    },
  });
  setBusinessState(RICOGNIZIONE_PROCEDURE, 'APERTA');

  // Each ente due gets its transmission; one the ente opened itself keeps running and gets the deadline.
  const due = await campaign.dueEnti({ ricognizioneId: input.ricognizioneId });
  const opened = await Promise.all(due.map(async (ente) => {
    const child: InvioFlussiInput = {
      enteId: ente.enteId, enteDenominazione: ente.denominazione, entePec: ente.pec,
      dataRiferimento: input.dataRiferimento, scadenza, regioneEnteId: input.regioneEnteId,
    };
    try {
      await startChild(invioFlussi, {
        workflowId: invioFlussiWorkflowId(ente.enteId, input.dataRiferimento),
        args: [child],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // A transmission that ended (the ente confirmed) is never started again.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: startingSearchAttributes(INVIO_FLUSSI_PROCEDURE, ente.enteId),
      });
      return null;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return ente.enteId;
      throw error;
    }
  }));
  await tellTransmissions(opened.filter((enteId): enteId is string => enteId !== null));
  await rounds.sendCampaignPecs({ ricognizioneId: input.ricognizioneId, workflowId, round: 'avvio', kind: 'AVVIO', scadenza });

  // Reminders, re-planned whenever the deadline moves; a round whose time passed during an extension is skipped.
  const done = new Set<string>();
  while (!closed) {
    const planned = scadenza;
    const next = nextReminder(scadenza, input.sollecitiGiorni, done, dayMs);
    if (!next) {
      await condition(() => closed || scadenza !== planned);
      continue;
    }
    const interrupted = await condition(() => closed || scadenza !== planned, Math.max(0, next.at - Date.now()));
    if (interrupted) continue;
    done.add(next.key);
    await rounds.sendCampaignPecs({ ricognizioneId: input.ricognizioneId, workflowId, round: next.key, kind: 'SOLLECITO', scadenza });
  }
  // The closing Update records the closure: it finishes before the campaign does.
  await condition(allHandlersFinished);
  setBusinessState(RICOGNIZIONE_PROCEDURE, 'CHIUSA');
  return { stato: 'CHIUSA' };
}
