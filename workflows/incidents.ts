// Incidents: when a step fails for good after others have taken effect (the act is protocolled but the
// PEC cannot be delivered), nothing is repeated. The procedure records an incident and waits for an
// administrator, who retries the step or declares it resolved by other means.
import { ActivityFailure, condition, proxyLocalActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isAdministrator } from './shared/actor';
import { resolveIncidentUpdate, type IncidentResolution } from './shared/incidents';
import { refuse, TASK_FAILURE } from './shared/tasks';

const record = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds' });

/** A failure the procedure cannot get past alone: its message is shown to the administrator. */
export class StepFailed extends Error {}

function describe(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

export class Incidents {
  private readonly open = new Set<string>();
  private readonly resolutions = new Map<string, IncidentResolution>();

  constructor(private readonly context: { enteId: string; regioneEnteId: string }) {
    setHandler(resolveIncidentUpdate, (resolution) => {
      this.resolutions.set(resolution.incidentId, resolution);
    }, {
      validator: ({ incidentId, actor }) => {
        if (!isAdministrator(actor, context.regioneEnteId)) {
          refuse(TASK_FAILURE.notAllowed, 'Solo un amministratore può gestire gli incidenti.');
        }
        if (!this.open.has(incidentId)) {
          refuse(TASK_FAILURE.notOpen, "L'incidente non è più aperto.");
        }
      },
    });
  }

  /**
   * Runs a step until it succeeds or an administrator declares it resolved: returns the step's result,
   * or undefined when it was resolved by hand.
   */
  async step<T>(name: string, run: (attempt: number) => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(attempt);
      } catch (error) {
        if (!(error instanceof ActivityFailure || error instanceof StepFailed)) throw error;
        const incidentId = uuid4();
        this.open.add(incidentId);
        await record.openIncident({ id: incidentId, workflowId: workflowInfo().workflowId, step: name, errore: describe(error), enteId: this.context.enteId });
        await condition(() => this.resolutions.has(incidentId));
        const resolution = this.resolutions.get(incidentId)!;
        this.open.delete(incidentId);
        await record.closeIncident({ id: incidentId, azione: resolution.azione, actorId: resolution.actor.userId, nota: resolution.nota });
        if (resolution.azione === 'RISOLTO') return undefined;
      }
    }
  }
}
