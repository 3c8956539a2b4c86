import { defineSearchAttributeKey, type SearchAttributePair } from '@temporalio/common';
import type { ProcedureDescriptor } from '../workflows/shared/procedure';

/** Custom search attributes: what the monitoring page filters procedures by. */
export const SA_PROCEDURA = defineSearchAttributeKey('PushProcedura', 'KEYWORD');
export const SA_ENTE = defineSearchAttributeKey('PushEnte', 'KEYWORD');
export const SA_STATO = defineSearchAttributeKey('PushStato', 'KEYWORD');

export const SEARCH_ATTRIBUTES = [SA_PROCEDURA, SA_ENTE, SA_STATO] as const;

/** What a procedure starts with, whether the API starts it or a campaign starts it as its child. */
export function startingSearchAttributes(procedure: ProcedureDescriptor, enteId: string): SearchAttributePair[] {
  return [
    { key: SA_PROCEDURA, value: procedure.id },
    { key: SA_ENTE, value: enteId },
    { key: SA_STATO, value: procedure.initialState },
  ];
}

/** Worker settings, sized for the 2-core machines the platform is measured on. */
export const WORKER_SETTINGS = {
  maxConcurrentActivityTaskExecutions: 50,
  maxConcurrentWorkflowTaskExecutions: 40,
  maxCachedWorkflows: 500,
  shutdownGraceTime: '10 seconds',
  // Heartbeats reach the server at least this often (by default 80 % of the timeout): a beat delayed by a busy
  // event loop still lands well inside STEP_OPTIONS' heartbeat timeout.
  maxHeartbeatThrottleInterval: '5 seconds',
} as const;

/** The CLI release whose go.mod has no `replace` directive, so `go install` can build it (ENVIRONMENT.md). */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
