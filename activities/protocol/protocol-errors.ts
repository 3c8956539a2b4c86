import { ApplicationFailure } from '@temporalio/common';

/**
 * The codes of the register's failures. Business rejections are non-retryable: a retry would be refused
 * the same way. Unavailability is retryable: the idempotency key makes a retried registration safe.
 */
export const PROTOCOL_FAILURE = {
  invalidRequest: 'PROTOCOLLO_RICHIESTA_NON_VALIDA',
  notFound: 'PROTOCOLLO_REGISTRAZIONE_NON_TROVATA',
  alreadyAnnulled: 'PROTOCOLLO_GIA_ANNULLATA',
  unauthorized: 'PROTOCOLLO_NON_AUTORIZZATO',
  rejected: 'PROTOCOLLO_RIFIUTATA',
  invalidResponse: 'PROTOCOLLO_RISPOSTA_NON_VALIDA',
  unavailable: 'PROTOCOLLO_NON_DISPONIBILE',
  unreachable: 'PROTOCOLLO_NON_RAGGIUNGIBILE',
} as const;

export type ProtocolFailureCode = (typeof PROTOCOL_FAILURE)[keyof typeof PROTOCOL_FAILURE];

/** A business rejection, with an Italian message for the person who will read it in the inbox or the logs. */
export function protocolRejection(code: string, message: string, cause?: Error): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, cause });
}

/** A failure that may pass: Temporal retries the activity. */
export function protocolUnavailable(code: string, message: string, cause?: Error): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: false, cause });
}
