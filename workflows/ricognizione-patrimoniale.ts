// Procedure 2, the campaign — Ricognizione patrimoniale: the Region asks every ente in scope for its stock
// at a reference date by a deadline. Each ente gets its own Invio flussi patrimoniali (a child, or the
// transmission it had already opened, which gets the deadline); a PEC announces the campaign and
// reminders go out at the configured days from the deadline, only to the enti still due. The Region may
// extend the deadline (the enti's tasks follow) and closes the campaign; open transmissions stay open.
import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { invioFlussiWorkflowId, scadenzaSignal, type InvioFlussiInput } from './shared/flussi';
import { chiudiRicognizioneUpdate, prorogaScadenzaUpdate, runsCampaigns, type RicognizioneInput } from './shared/ricognizione';
import { INVIO_FLUSSI_PROCEDURE, RICOGNIZIONE_PROCEDURE } from './shared/procedures';
import { refuse, TASK_FAILURE } from './shared/tasks';
import { STEP_OPTIONS, Incidents } from './incidents';
import { invioFlussi } from './invio-flussi';
import { setBusinessState } from './kit/business-state';
import { Campaign } from './kit/campaign';

// The Update handlers' activities answer whoever sent the Update; the campaign's own go through incidents.
const acts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', ...STEP_OPTIONS });

// A round of PEC to a few hundred enti takes a while: it heartbeats, and a retry skips those already sent.
const pecRounds = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

const REAL_DAY_MS = 24 * 60 * 60 * 1000;

export async function ricognizionePatrimoniale(input: RicognizioneInput): Promise<{ stato: 'CHIUSA' }> {
  const { workflowId } = workflowInfo();
  const incidents = new Incidents({ enteId: input.regioneEnteId, regioneEnteId: input.regioneEnteId });
  const guarded = incidents.guard(acts);
  const rounds = incidents.guard(pecRounds);
  const campaign = new Campaign<InvioFlussiInput>({
    child: {
      workflow: invioFlussi,
      procedure: INVIO_FLUSSI_PROCEDURE,
      workflowId: (enteId) => invioFlussiWorkflowId(enteId, input.dataRiferimento),
      input: (ente, scadenza) => ({
        enteId: ente.enteId, enteDenominazione: ente.denominazione, entePec: ente.pec,
        dataRiferimento: input.dataRiferimento, scadenza, regioneEnteId: input.regioneEnteId,
        ...(input.perAmbito ? { perAmbito: true } : {}),
      }),
      deadline: scadenzaSignal,
    },
    scadenza: input.scadenza,
    reminderDays: input.sollecitiGiorni,
    dayMs: input.durataGiornoMs ?? REAL_DAY_MS,
    sendRound: (round) => rounds.sendCampaignPecs({ ricognizioneId: input.ricognizioneId, workflowId, round: round.key, kind: round.kind, scadenza: round.scadenza }),
  });

  setHandler(prorogaScadenzaUpdate, async (proroga) => {
    const scadenza = campaign.moveDeadline(proroga.scadenza);
    await acts.setCampaignDeadline({ ricognizioneId: input.ricognizioneId, scadenza, actorId: proroga.actor.userId, regioneEnteId: input.regioneEnteId });
    await campaign.tellDue(await acts.dueEnti({ ricognizioneId: input.ricognizioneId }));
    return { scadenza };
  }, {
    validator: ({ scadenza: proposed, actor }) => {
      if (!runsCampaigns(actor, input.regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Proroga la scadenza un istruttore o un dirigente della Regione.');
      if (campaign.chiusa) refuse(TASK_FAILURE.notOpen, 'La ricognizione è chiusa.');
      if (!(Date.parse(proposed) > Date.parse(campaign.scadenza))) refuse(TASK_FAILURE.invalidDecision, 'scadenza: la nuova scadenza deve essere successiva a quella attuale.', 'scadenza');
    },
  });
  setHandler(chiudiRicognizioneUpdate, async ({ actor }) => {
    campaign.close();
    await acts.closeCampaign({ ricognizioneId: input.ricognizioneId, actorId: actor.userId, regioneEnteId: input.regioneEnteId });
  }, {
    validator: ({ actor }) => {
      if (!runsCampaigns(actor, input.regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Chiude la ricognizione un istruttore o un dirigente della Regione.');
      if (campaign.chiusa) refuse(TASK_FAILURE.notOpen, 'La ricognizione è già chiusa.');
    },
  });
  setBusinessState(RICOGNIZIONE_PROCEDURE, 'APERTA');

  // Each ente due gets its transmission; one the ente opened itself keeps running and gets the deadline.
  await campaign.open(await guarded.dueEnti({ ricognizioneId: input.ricognizioneId }));
  await campaign.remind();
  // The closing Update records the closure: it finishes before the campaign does.
  await condition(allHandlersFinished);
  setBusinessState(RICOGNIZIONE_PROCEDURE, 'CHIUSA');
  return { stato: 'CHIUSA' };
}
