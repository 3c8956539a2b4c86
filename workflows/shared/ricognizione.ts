// What the API needs to open a ricognizione patrimoniale and talk to it, without importing workflow code.
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';
import { workflowIdOf } from './procedure';
import { RICOGNIZIONE_PROCEDURE } from './procedures/ricognizione-patrimoniale';

export const RICOGNIZIONE = RICOGNIZIONE_PROCEDURE.id;
export const RICOGNIZIONE_WORKFLOW = RICOGNIZIONE_PROCEDURE.workflowType;

/** One campaign per reference date: opening it twice finds the first. */
export const ricognizioneWorkflowId = (dataRiferimento: string) => workflowIdOf(RICOGNIZIONE_PROCEDURE, dataRiferimento);

/** Days from the deadline on which the enti still due are reminded by PEC, unless the Region says otherwise. */
export const SOLLECITI_PREDEFINITI = [-7, -1, 3] as const;

export interface RicognizioneInput {
  /** The Ricognizione row the API created with the scope. */
  ricognizioneId: string;
  /** YYYY-MM-DD: 30/06 or 31/12. */
  dataRiferimento: string;
  /** ISO date-time. */
  scadenza: string;
  sollecitiGiorni: number[];
  regioneEnteId: string;
  /** The Comune capofila transmits for the members of its ambito (absent in campaigns opened before). */
  perAmbito?: boolean;
  /** Tests compress time: the length of a "day" in ms (default a real day). */
  durataGiornoMs?: number;
}

export interface ProrogaInput {
  /** ISO date-time, later than the current deadline. */
  scadenza: string;
  actor: Actor;
}

export const prorogaScadenzaUpdate = defineUpdate<{ scadenza: string }, [ProrogaInput]>('prorogaScadenza');
export const chiudiRicognizioneUpdate = defineUpdate<void, [{ actor: Actor }]>('chiudiRicognizione');

/** Who runs a campaign: the Region's istruttori and dirigenti. */
export function runsCampaigns(actor: Actor, regioneEnteId: string): boolean {
  return actor.roles.some((grant) => grant.enteId === regioneEnteId && (grant.ruolo === 'ISTRUTTORE' || grant.ruolo === 'DIRIGENTE'));
}
