// How an administrator answers an incident of any procedure (see workflows/incidents.ts).
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';

/** Try the failed step again, or declare it resolved by other means. */
export interface IncidentResolution {
  incidentId: string;
  azione: 'RIPROVA' | 'RISOLTO';
  nota?: string;
  actor: Actor;
}

export const resolveIncidentUpdate = defineUpdate<void, [IncidentResolution]>('resolveIncident');
