/** What a caller stores: the bytes and the metadata the regional DMS keeps with them. */
export interface StoreInput {
  /** Derived from the workflow id and step: a retried store returns the first document, writing nothing. */
  idempotencyKey: string;
  content: Buffer;
  filename: string;
  mimeType: string;
  titolo: string;
  /** Kind of document, e.g. PROVVEDIMENTO_ACCREDITAMENTO, ATTO_NOMINA, ALLEGATO. */
  tipo: string;
  workflowId?: string;
  enteId?: string;
  protocolloId?: string;
  createdById?: string;
  /** Set when this document is a new version of another: its version is the previous one's plus 1. */
  previousVersionId?: string;
}

/** A stored document's metadata as a plain object; dates are ISO strings. */
export interface StoredDocument {
  id: string;
  idempotencyKey: string;
  /** Hex SHA-256 of the content: its address on disk, checked on every read. */
  sha256: string;
  size: number;
  filename: string;
  mimeType: string;
  titolo: string;
  tipo: string;
  workflowId: string | null;
  enteId: string | null;
  protocolloId: string | null;
  version: number;
  previousVersionId: string | null;
  createdById: string | null;
  createdAt: string;
}

/**
 * The document store, like the regional DMS: content-addressed files plus metadata. Access control is
 * the caller's (api/read-access.ts).
 */
export interface DocumentStore {
  /** Largest document accepted, in bytes: an upload meant for the store is bounded by it, so one limit answers. */
  readonly maxBytes: number;
  store(input: StoreInput): Promise<StoredDocument>;
  /**
   * Takes back a document no one has taken up (a request refused after its document was stored): its row
   * goes, and its file unless another document has the same content. A missing id is a no-op.
   */
  discard(id: string): Promise<void>;
  /** The document and its bytes, verified against the SHA-256: a mismatch throws DocumentoCorrotto. */
  read(id: string): Promise<{ document: StoredDocument; content: Buffer }>;
  find(id: string): Promise<StoredDocument | null>;
  /** The workflow's documents, oldest first. */
  listByWorkflow(workflowId: string): Promise<StoredDocument[]>;
}

/** 100 MB: the default largest document the store accepts, the flusso's documented limit (docs/flusso). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;
