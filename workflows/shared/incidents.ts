// How an administrator answers an incident of any procedure (see workflows/incidents.ts).
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';

/** What the administrator corrected before a retry: the address a PEC could not be delivered to. */
export interface IncidentCorrection {
  pec?: string;
}

/** Try the failed step again (with a correction, when the incident allows one), or declare it resolved by other means. */
export interface IncidentResolution extends IncidentCorrection {
  incidentId: string;
  azione: 'RIPROVA' | 'RISOLTO';
  nota?: string;
  actor: Actor;
}

export const resolveIncidentUpdate = defineUpdate<void, [IncidentResolution]>('resolveIncident');

/**
 * A PEC address as the workflow accepts it in a correction: one `@`, a dotted domain, no spaces, in lower
 * case. The API checks it more closely (zod's e-mail) and answers in Italian; this stops anything else.
 */
export const isPecAddress = (value: string) => value.length <= 200 && /^[^\s@A-Z]+@[^\s@A-Z]+\.[^\s@A-Z]+$/.test(value);
