// The morning digest of tasks (workflows/shared/procedures/riepilogo-attivita.ts): who is to receive it,
// then their e-mails a few people at a time. Each person's e-mail is written down before it is sent and
// carries a Message-ID of its own (activities/digest), so a retry — of an activity, or of the whole run
// the same day — never gives anyone a second one. A mail server that stays down opens an incident.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { setBusinessState } from './kit/business-state';
import { STEP_OPTIONS, Incidents } from './incidents';
import { DIGESTS_PER_ACTIVITY, RIEPILOGO_ATTIVITA_PROCEDURE, type RiepilogoAttivitaInput, type RiepilogoAttivitaResult } from './shared/procedures/riepilogo-attivita';

const raw = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', ...STEP_OPTIONS });

export async function riepilogoAttivita(input: RiepilogoAttivitaInput): Promise<RiepilogoAttivitaResult> {
  const incidents = new Incidents({ enteId: input.regioneEnteId, regioneEnteId: input.regioneEnteId });
  const acts = incidents.guard(raw);
  const { giorno, destinatari } = await acts.digestRecipients({ giorno: input.giorno });
  const result: RiepilogoAttivitaResult = { giorno, inviati: 0, senzaNovita: 0 };
  for (let start = 0; start < destinatari.length; start += DIGESTS_PER_ACTIVITY) {
    const sent = await acts.sendTaskDigests({ regioneEnteId: input.regioneEnteId, giorno, userIds: destinatari.slice(start, start + DIGESTS_PER_ACTIVITY) });
    result.inviati += sent.inviati;
    result.senzaNovita += sent.senzaNovita;
  }
  setBusinessState(RIEPILOGO_ATTIVITA_PROCEDURE, 'INVIATO');
  return result;
}
