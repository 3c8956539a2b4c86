import type { Client, Connection } from '@temporalio/client';
import type { DocumentStore } from '../activities/documents/document-store';
import type { PdfRenderer } from '../activities/pdf/pdf-renderer';
import type { PecService } from '../activities/pec/pec';
import type { Db } from '../prisma/client';
import type { BackgroundWork } from './background-work';
import type { TaskChangeFeed } from './tasks/live';

/** Uploads of flussi: where a file waits while it is received, and the quota of each transmission. */
export interface UploadSettings {
  /** Received files stay here only for the request; on the data disk, not a small /tmp. */
  tempDir: string;
  /** Per transmission (one ente, one reference date), every attempt counted, file or manual form. */
  quota: { maxAttempts: number; maxBytes: number };
}

/** What every route needs: the database, Temporal, the adapters it reads through, and where the Region and Temporal's Web UI are. */
export interface ApiRuntime {
  db: Db;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  regioneEnteId: string;
  temporalUiUrl: string | null;
  /** The map's background tiles, as Leaflet's URL template; null: markers on a plain background. */
  map: { tilesUrl: string | null; attribution: string };
  documents: DocumentStore;
  pec: PecService;
  /** Renders the reports people download (the validation report as PDF); acts are rendered by activities. */
  pdf: PdfRenderer;
  uploads: UploadSettings;
  /** A connection to Temporal without the SDK's retries, for the health check (`probeConnection`). */
  temporalProbe: Connection;
  /** The procedure worker running in this process, whose state the health check reports. */
  worker: { getState(): string };
  /** Tells the open inboxes that tasks changed (api/tasks/live.ts). */
  taskChanges: TaskChangeFeed;
  /** What runs on after its request was answered; a stop waits for it (./background-work.ts). */
  background: BackgroundWork;
}
