// Incidents: when a step fails for good after others have taken effect (the act is protocolled but the
// PEC cannot be delivered), nothing is repeated. The procedure records an incident and waits for an
// administrator, who retries the step or declares it resolved by other means. Every procedure's
// activities go through `guard`, so an activity that will not succeed (a non-retryable failure, or its
// attempts exhausted) opens an incident too, instead of failing the procedure or retrying for ever.
// A step whose failure names a PEC address (StepFailed's `subject.pec`) lets the administrator correct it: the
// retry receives the correction.
import { ActivityFailure, ApplicationFailure, condition, proxyLocalActivities, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { SA_STATO } from '../temporal-config/settings';
import { isAdministrator } from './shared/actor';
import { isPecAddress, resolveIncidentUpdate, type IncidentCorrection, type IncidentResolution } from './shared/incidents';
import { refuse, TASK_FAILURE } from './shared/tasks';

// Recording the incident is the last resort: it retries until the database takes it.
const record = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds' });

/**
 * Options every procedure's steps share. Bounded retries: past them, the failure becomes an incident. A heartbeat
 * the worker sends while the step runs (platform/activity-liveness.ts): a step whose worker was killed is retried
 * within 20 seconds, not when its start-to-close runs out.
 */
export const STEP_OPTIONS = {
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10 },
} as const;

/** The failure a procedure ends with when an administrator resolves by hand a step whose result it needs. */
export const CLOSED_BY_ADMINISTRATOR = 'PROCEDURA_CHIUSA_DA_AMMINISTRATORE';

/**
 * A failure the procedure cannot get past alone: its message is shown to the administrator; `subject.pec`, the
 * address a PEC could not be delivered to, lets them correct it before the retry.
 */
export class StepFailed extends Error {
  constructor(message: string, readonly subject: { pec?: string } = {}) {
    super(message);
  }
}

function describe(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

export class Incidents {
  /** The open incidents, each with the PEC address it concerns, if any. */
  private readonly open = new Map<string, { pec?: string }>();
  private readonly resolutions = new Map<string, IncidentResolution>();

  constructor(private readonly context: { enteId: string; regioneEnteId: string }) {
    setHandler(resolveIncidentUpdate, (resolution) => {
      this.resolutions.set(resolution.incidentId, resolution);
    }, {
      validator: ({ incidentId, azione, pec, actor }) => {
        if (!isAdministrator(actor, context.regioneEnteId)) {
          refuse(TASK_FAILURE.notAllowed, 'Solo un amministratore può gestire gli incidenti.');
        }
        const incident = this.open.get(incidentId);
        if (!incident) {
          refuse(TASK_FAILURE.notOpen, "L'incidente non è più aperto.");
        }
        if (pec === undefined) return;
        if (azione !== 'RIPROVA' || !incident.pec) {
          refuse(TASK_FAILURE.invalidDecision, 'pec: si può correggere l’indirizzo PEC solo riprovando l’invio di una PEC non consegnata', 'pec');
        }
        if (!isPecAddress(pec)) refuse(TASK_FAILURE.invalidDecision, 'pec: indirizzo PEC non valido', 'pec');
      },
    });
  }

  /**
   * Runs a step until it succeeds or an administrator declares it resolved: returns the step's result,
   * or undefined when it was resolved by hand. An attempt after a retry with a correction receives it.
   */
  async step<T>(name: string, run: (attempt: number, correction?: IncidentCorrection) => Promise<T>): Promise<T | undefined> {
    const outcome = await this.attempt(name, run);
    return outcome.done ? outcome.value : undefined;
  }

  /**
   * The procedure's activities, each call a step: a failure opens an incident and the call waits for the
   * administrator. RIPROVA runs the activity again. RISOLTO — the work done outside the platform — leaves
   * the procedure without the step's result, so it ends there, closed by the administrator.
   * Activities an Update handler runs stay on the plain proxy: their failure is the answer to whoever
   * sent the Update (a refused upload), a business outcome the procedure handles itself.
   */
  guard<A extends object>(activities: A): A {
    return new Proxy(activities, {
      get: (target, name) => {
        const activity: unknown = Reflect.get(target, name);
        if (typeof name !== 'string' || typeof activity !== 'function') return activity;
        return async (...args: unknown[]) => {
          const outcome = await this.attempt(`Attività ${name}`, () => (activity as (...a: unknown[]) => Promise<unknown>)(...args));
          if (outcome.done) return outcome.value;
          upsertSearchAttributes([{ key: SA_STATO, value: 'CHIUSA_DA_AMMINISTRATORE' }]);
          throw ApplicationFailure.create({
            type: CLOSED_BY_ADMINISTRATOR,
            message: `Procedura chiusa dall'amministratore: il passo «${name}» è stato dichiarato risolto fuori dalla piattaforma.`,
            nonRetryable: true,
          });
        };
      },
    });
  }

  private async attempt<T>(
    name: string,
    run: (attempt: number, correction?: IncidentCorrection) => Promise<T>,
  ): Promise<{ done: true; value: T } | { done: false }> {
    let correction: IncidentCorrection | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return { done: true, value: await run(attempt, correction) };
      } catch (error) {
        if (!(error instanceof ActivityFailure || error instanceof StepFailed)) throw error;
        const incidentId = uuid4();
        const pec = error instanceof StepFailed ? error.subject.pec : undefined;
        this.open.set(incidentId, { pec });
        // The address only when there is one: an incident without it records the same input as ever.
        await record.openIncident({ id: incidentId, workflowId: workflowInfo().workflowId, step: name, errore: describe(error), enteId: this.context.enteId, ...(pec ? { pec } : {}) });
        await condition(() => this.resolutions.has(incidentId));
        const resolution = this.resolutions.get(incidentId)!;
        this.open.delete(incidentId);
        await record.closeIncident({ id: incidentId, azione: resolution.azione, actorId: resolution.actor.userId, nota: resolution.nota, ...(resolution.pec ? { pec: resolution.pec } : {}) });
        if (resolution.azione === 'RISOLTO') return { done: false };
        correction = resolution.pec === undefined ? undefined : { pec: resolution.pec };
      }
    }
  }
}
