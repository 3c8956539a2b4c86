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

/** A protocol registration as lists and task data show it: "N. 12/2026" of a date. */
export interface ProtocolloRef {
  numero: number;
  anno: number;
  data: string;
}
