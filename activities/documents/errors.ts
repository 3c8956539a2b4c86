// The store's failures, as non-retryable Temporal failures: retrying cannot make a missing document
// appear, a corrupted file heal or a file shrink. Each is its own class so the API can map it to a
// status with `instanceof`, and its `type` names it in the workflow history.
import { ApplicationFailure } from '@temporalio/common';

function named(error: ApplicationFailure, name: string): void {
  // ApplicationFailure's `name` is a read-only prototype property; an own one makes logs read well.
  Object.defineProperty(error, 'name', { value: name, enumerable: false });
}

export class DocumentoCorrotto extends ApplicationFailure {
  constructor(readonly documentId: string, reason: string) {
    super(
      `Documento ${documentId} corrotto: il contenuto archiviato non corrisponde all'impronta SHA-256 registrata (${reason}).`,
      'DocumentoCorrotto',
      true,
      [{ documentId }],
    );
    named(this, 'DocumentoCorrotto');
  }
}

export class DocumentoNonTrovato extends ApplicationFailure {
  constructor(readonly documentId: string) {
    super(`Documento ${documentId} non trovato.`, 'DocumentoNonTrovato', true, [{ documentId }]);
    named(this, 'DocumentoNonTrovato');
  }
}

export class DocumentoTroppoGrande extends ApplicationFailure {
  constructor(readonly filename: string, readonly size: number, readonly maxBytes: number) {
    super(
      `Il file «${filename}» è di ${formatBytes(size)}: supera la dimensione massima consentita di ${formatBytes(maxBytes)}.`,
      'DocumentoTroppoGrande',
      true,
      [{ filename, size, maxBytes }],
    );
    named(this, 'DocumentoTroppoGrande');
  }
}

/** Sizes as an Italian reader writes them: "50 MB", "1,5 MB", "300 KB", "12 byte". */
export function formatBytes(bytes: number): string {
  const number = (value: number) => new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024)} KB`;
  return `${bytes} byte`;
}
