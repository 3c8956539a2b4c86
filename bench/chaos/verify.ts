// Once the load is over: wait until every procedure has settled (completed, or waiting on a person),
// then read everything once and run every check.
import {
  checkIncidents,
  checkOrphans,
  checkPecs,
  checkProcedureOutcomes,
  checkProtocolNumbers,
  checkRequestDuplicates,
  checkTaskAgreement,
  type DrivenProcedure,
  type Finding,
} from './checks';
import { connectTemporal, readRows, readWorkflows, workflowIdsOf, workflowState } from './snapshot';

const SETTLE_POLL_MS = 2_000;

/** Workflows that still move on their own: running, with no open task and no open incident, or busy with an activity. */
async function unsettled(databaseUrl: string, temporalAddress: string): Promise<string[]> {
  const rows = await readRows(databaseUrl);
  const waiting = new Set([
    ...rows.tasks.filter((task) => task.stato === 'APERTA').map((task) => task.workflowId),
    ...rows.incidents.filter((incident) => incident.stato === 'APERTO').map((incident) => incident.workflowId),
  ]);
  const temporal = await connectTemporal(temporalAddress);
  try {
    const ids = [...new Set([...rows.communications, ...rows.accreditations].map((row) => row.workflowId))];
    const states = await Promise.all(ids.map((id) => workflowState(temporal.client, id, false)));
    return states.filter((state) => state.status === 'RUNNING' && (!waiting.has(state.workflowId) || (state.pendingActivities?.length ?? 0) > 0)).map((state) => state.workflowId);
  } finally {
    await temporal.close();
  }
}

/** Waits (bounded) for the procedures to settle; returns how long it took and what had not. */
export async function settle(databaseUrl: string, temporalAddress: string, timeoutMs: number): Promise<{ ms: number; unsettled: string[] }> {
  const started = Date.now();
  let moving: string[] = [];
  while (Date.now() - started < timeoutMs) {
    moving = await unsettled(databaseUrl, temporalAddress).catch((error: unknown) => [`(could not read: ${(error as Error).message})`]);
    if (moving.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return { ms: Date.now() - started, unsettled: moving };
}

export async function verify(databaseUrl: string, temporalAddress: string, driven: DrivenProcedure[]) {
  const rows = await readRows(databaseUrl);
  const temporal = await connectTemporal(temporalAddress);
  const workflows = await readWorkflows(temporal.client, workflowIdsOf(rows)).finally(() => temporal.close());
  const requests = [...rows.communications, ...rows.accreditations];
  const outcomes = checkProcedureOutcomes(driven, requests, workflows, rows.incidents);
  const agreement = checkTaskAgreement(workflows, rows.tasks);
  const protocol = checkProtocolNumbers(rows.registrations, rows.counters);
  const findings: Finding[] = [
    ...outcomes.findings,
    ...agreement.findings,
    ...checkOrphans(requests, rows.tasks, workflows),
    ...protocol.findings,
    ...checkPecs(rows.pecs),
    ...checkRequestDuplicates(driven, requests),
    ...checkIncidents(rows.incidents, workflows),
  ];
  return {
    findings,
    procedures: outcomes.counts,
    tasksChecked: agreement.checked,
    registers: protocol.registers,
    protocolNumbers: rows.registrations.length,
    pecs: { total: rows.pecs.length, byStato: countBy(rows.pecs.map((pec) => pec.stato)) },
    incidents: {
      total: rows.incidents.length,
      open: rows.incidents.filter((incident) => incident.stato === 'APERTO').map((incident) => ({ workflowId: incident.workflowId, step: incident.step, errore: incident.errore })),
    },
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
