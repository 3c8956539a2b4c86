// The shapes of the API's answers, as JSON (dates as ISO strings): the routes are typed with them, so the
// type-checker holds the API to them, and the inbox imports them (ui alias @api, types only) instead of
// retyping them. This module and every `views.ts` beside a route are types only: no imports but types.

/** Shapes shared by several API resources. */

export interface Page<T> {
  items: T[];
  total: number;
}

/** A downloadable file: a task's document or a communication's attachment. */
export interface FileRef {
  id: string;
  /** What the document is ("Provvedimento di accreditamento – …"), where the list has it. */
  titolo?: string;
  filename: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface Person {
  id: string;
  nomeCompleto: string;
}

/** A protocol registration as lists and task data show it: "N. 12/2026" of a date (and its register, where the API knows it). */
export interface ProtocolloRef {
  numero: number;
  anno: number;
  registro?: string;
  data: string;
}

/** Where a PEC stands, as its receipts say. */
export type PecStato = 'INVIATO' | 'ACCETTATO' | 'CONSEGNATO' | 'ERRORE';
