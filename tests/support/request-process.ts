// A request that starts a procedure, in a process of its own whose Temporal never answers: its
// transaction commits, the workflow start hangs, and the test kills the process (SIGKILL) right there —
// a crash between the two steps. Run by tests/api/procedure-outbox.test.ts; the request comes as JSON
// in REQUEST, Temporal's address (a socket that accepts and never answers) in TEMPORAL_ADDRESS.
import { Client, Connection } from '@temporalio/client';
import { submitAccreditamento } from '../../api/accreditamenti/submit';
import { sendCommunication } from '../../api/comunicazioni/send-communication';
import { openRicognizione } from '../../api/ricognizioni/open';
import { createFileDocumentStore } from '../../activities/documents/file-document-store';
import { createDb } from '../../prisma/client';

export type CrashingRequest =
  | { kind: 'comunicazione'; userId: string; enteId: string; oggetto: string; idempotencyKey: string }
  | { kind: 'accreditamento'; userId: string; codiceFiscale: string; denominazione: string; idempotencyKey: string }
  | { kind: 'ricognizione'; userId: string; dataRiferimento: string; enteIds: string[]; idempotencyKey: string };

async function main() {
  const request = JSON.parse(process.env.REQUEST!) as CrashingRequest;
  const db = createDb(process.env.DATABASE_URL!);
  const temporal = new Client({ connection: Connection.lazy({ address: process.env.TEMPORAL_ADDRESS! }) });
  const runtime = { db, temporal, taskQueue: process.env.TEMPORAL_TASK_QUEUE!, regioneEnteId: process.env.REGIONE_ENTE_ID! };
  const { idempotencyKey } = request;
  const documents = createFileDocumentStore(db, { rootDir: process.env.DOCUMENTS_DIR! });
  if (request.kind === 'comunicazione') {
    await sendCommunication(db, { ...runtime, documents }, {
      enteId: request.enteId, senderId: request.userId, oggetto: request.oggetto, testo: 'Testo', idempotencyKey,
      allegati: [{ filename: 'nota.txt', mimeType: 'text/plain', content: Buffer.from('nota') }],
    });
  } else if (request.kind === 'accreditamento') {
    await submitAccreditamento(
      { ...runtime, storeDocument: (input) => documents.store(input) },
      { userId: request.userId, codiceFiscale: 'RSSMRA80A01A662X', nome: 'Mario', cognome: 'Rossi' },
      { tipo: 'ALTRO', denominazione: request.denominazione, codiceFiscale: request.codiceFiscale, pec: 'ente@pec.ente.example', sede: 'Via Roma 1, Bari', qualifica: 'Presidente' },
      { filename: 'atto.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
      { idempotencyKey },
    );
  } else {
    await openRicognizione(runtime, request.userId, {
      dataRiferimento: request.dataRiferimento, scadenza: new Date('2099-01-31T22:59:59Z'), sollecitiGiorni: [], enteIds: request.enteIds,
    }, idempotencyKey);
  }
  // Reached only if Temporal answered: the test kills the process before.
  process.exit(3);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
