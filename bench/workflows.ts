// Workflows used only by the benchmarks, bundled by the bench worker, never by the platform's.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import { HumanTasks } from '../workflows/human-tasks';
import type { TaskCandidates } from '../workflows/shared/actor';
import { INVIO_GENERICO } from '../workflows/shared/invio-generico';

export interface ChainInput {
  steps: number;
  enteId: string;
  candidates: TaskCandidates;
}

/** A procedure of N consecutive human steps through the real task engine and projection. */
export async function humanStepChain(input: ChainInput): Promise<number> {
  const tasks = new HumanTasks();
  for (let step = 1; step <= input.steps; step++) {
    await tasks.ask({
      taskKey: `passo-${step}`,
      titolo: `Passo ${step} di ${input.steps}`,
      // The steps use the presa-in-carico form, so they are tasks of the procedure that owns it.
      procedura: INVIO_GENERICO,
      enteId: input.enteId,
      candidates: input.candidates,
      formKey: 'presa-in-carico',
      data: { communicationId: `passo-${step}`, mittente: 'Benchmark', oggetto: `Passo ${step} di ${input.steps}`, testo: 'Passo del benchmark.', protocollo: { numero: step, anno: 2026, data: '2026-01-01T00:00:00.000Z' } },
    });
  }
  await tasks.settled();
  return input.steps;
}

export const pingUpdate = defineUpdate<number, [number]>('ping');
export const stopUpdate = defineUpdate<void>('stop');
/** The other floor: a signal is answered once history holds it, without waiting for the workflow's step. */
export const pingSignal = defineSignal<[number]>('ping-signal');

/** The floors: an update that does nothing but answer, and a signal that does nothing. */
export async function bareUpdate(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, (value) => value);
  setHandler(pingSignal, () => undefined);
  setHandler(stopUpdate, () => {
    stopped = true;
  });
  await condition(() => stopped);
}
