// What the API needs to start an Invio flussi patrimoniali and talk to it, without importing workflow code.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';
import { workflowIdOf } from './procedure';
import { INVIO_FLUSSI_PROCEDURE } from './procedures/invio-flussi';

export const INVIO_FLUSSI = INVIO_FLUSSI_PROCEDURE.id;
export const INVIO_FLUSSI_WORKFLOW = INVIO_FLUSSI_PROCEDURE.workflowType;

/**
 * The document tipo of an attempt's flusso: uploaded as a file, or written by the platform from the
 * manual form. Confirming a manual one loads the snapshot as MANUALE instead of FLUSSO.
 */
export const FLUSSO_DOCUMENTO = { file: 'FLUSSO_PATRIMONIALE', manuale: 'FLUSSO_MANUALE' } as const;

/** The manual form is for a small stock: beyond these sizes the ente uploads a flusso. */
export const MANUALE_LIMITI = { unita: 500, fabbricati: 500 } as const;

/** One procedure per ente and reference date: starting it twice finds the first. */
export const invioFlussiWorkflowId = (enteId: string, dataRiferimento: string) => workflowIdOf(INVIO_FLUSSI_PROCEDURE, enteId, dataRiferimento);

export interface InvioFlussiInput {
  enteId: string;
  enteDenominazione: string;
  entePec: string | null;
  /** YYYY-MM-DD: 30/06 or 31/12. */
  dataRiferimento: string;
  /** ISO date-time; past it the task is overdue. */
  scadenza: string | null;
  regioneEnteId: string;
  /** A member Comune of an ambito transmits through the people of its Comune capofila. */
  perAmbito?: boolean;
}

/** An upload as validated: its attempt, outcome and counts, and the filed document the protocol registers. */
export interface UploadSummary {
  uploadId: string;
  tentativo: number;
  esito: 'VALIDO' | 'CON_AVVISI' | 'CON_ERRORI';
  errori: number;
  avvisi: number;
  unitsCount: number;
  buildingsCount: number;
  documento: { documentId: string; nome: string; sha256: string };
}

export const caricaFlussoUpdate = defineUpdate<UploadSummary, [{ documentId: string; actor: Actor }]>('caricaFlusso');

/** Whether the transmission still takes attempts: asked before a file is received, so a refused one stores nothing. */
export const accettaCaricamentiQuery = defineQuery<boolean>('accettaCaricamenti');

/** The campaign sets or moves the transmission's deadline (ISO date-time); the task's due date follows. */
export const scadenzaSignal = defineSignal<[{ scadenza: string }]>('scadenzaTrasmissione');

/** A transmission task's outcome, as lists say it. */
export const AZIONI_TRASMISSIONE: Readonly<Record<string, string>> = {
  CONFERMA: 'Flusso confermato',
  CONSISTENZA_NULLA: 'Consistenza nulla',
  NESSUNA_VARIAZIONE: 'Nessuna variazione',
};
