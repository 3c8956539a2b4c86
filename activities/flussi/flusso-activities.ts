// The activities of the Invio flussi patrimoniali procedure: validate an uploaded flusso and keep the
// attempt with its report; make a validated flusso (or a declaration) the ente's official snapshot.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../prisma/client';
import type { EsitoValidazione } from '../../prisma/generated/client';
import type { DocumentStore } from '../documents/document-store';
import { consistenzaNulla, nessunaVariazione, previousSnapshot, type LoadedSnapshot } from '../stock';
import { FLUSSO_DOCUMENTO, type UploadSummary } from '../../workflows/shared/flussi';
import { heartbeat } from '../progress';
import { flussoConErrori, loadValidatedFlusso } from './load-flusso';
import { validateFlusso, type ValidateFlussoInput } from './validation';

export type ConfirmAzione = 'CONFERMA' | 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';

export function createFlussoActivities(deps: { db: Db; databaseUrl: string; documents: DocumentStore }) {
  const { db, documents } = deps;
  let comuni: Promise<Set<string>> | undefined;
  const comuniIstat = () => {
    comuni ??= db.ente
      .findMany({ where: { tipo: 'COMUNE', istatComune: { not: null } }, select: { istatComune: true } })
      .then((rows) => new Set(rows.map((row) => row.istatComune!)));
    return comuni;
  };

  /**
   * Runs `work` on a filed flusso in a private temp copy (the validator and xmllint read a file), with
   * what its rules need. The document store checks the bytes against their recorded SHA-256.
   */
  async function withFiledFlusso<T>(input: { enteId: string; dataRiferimento: string; documentId: string }, work: (validation: ValidateFlussoInput) => Promise<T>): Promise<T> {
    const ente = await db.ente.findUniqueOrThrow({ where: { id: input.enteId } });
    const [previous, istat] = await Promise.all([previousSnapshot(db, input.enteId, input.dataRiferimento), comuniIstat()]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'push-flusso-'));
    try {
      const file = path.join(dir, 'flusso.xml');
      // No variable keeps the bytes: once on disk they are garbage, not held through the work.
      await writeFile(file, (await documents.read(input.documentId)).content);
      return await work({
        file,
        enteCodice: ente.codice,
        dataRiferimento: input.dataRiferimento,
        comuniIstat: istat,
        previous,
        onProgress: (fraction, phase) => heartbeat({ fraction, phase }),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    /**
     * Validates an upload and records the attempt with its problems. Idempotent per (workflow, attempt):
     * a retry returns the attempt already recorded.
     */
    async validateFlussoUpload(input: { workflowId: string; enteId: string; dataRiferimento: string; documentId: string; tentativo: number; actorId: string }): Promise<UploadSummary> {
      const recorded = await db.flussoUpload.findUnique({ where: { workflowId_tentativo: { workflowId: input.workflowId, tentativo: input.tentativo } } });
      if (recorded) return summaryOf(recorded, await documents.find(recorded.documentId));
      const result = await withFiledFlusso(input, validateFlusso);
      const upload = await db.$transaction(async (tx) => {
        const created = await tx.flussoUpload.create({
          data: {
            workflowId: input.workflowId,
            enteId: input.enteId,
            dataRiferimento: new Date(`${input.dataRiferimento}T00:00:00Z`),
            tentativo: input.tentativo,
            documentId: input.documentId,
            esito: result.esito,
            errori: result.errori,
            avvisi: result.avvisi,
            unitsCount: result.units.length,
            buildingsCount: result.buildings.length,
            createdById: input.actorId,
          },
        });
        await tx.flussoProblem.createMany({ data: result.problems.map((problem) => ({ ...problem, uploadId: created.id })) });
        await tx.auditEvent.create({
          data: {
            actorId: input.actorId,
            enteId: input.enteId,
            azione: 'FLUSSO_CARICATO',
            oggetto: `flusso:${created.id}`,
            details: { workflowId: input.workflowId, tentativo: input.tentativo, esito: result.esito, errori: result.errori, avvisi: result.avvisi },
          },
        });
        return created;
      });
      return summaryOf(upload, await documents.find(upload.documentId));
    },

    /** Files a declaration (consistenza nulla, no change) as the document the protocol registers. */
    async fileDeclaration(input: { idempotencyKey: string; workflowId: string; enteId: string; titolo: string; testo: string }): Promise<UploadSummary['documento']> {
      const stored = await documents.store({
        idempotencyKey: input.idempotencyKey,
        content: Buffer.from(input.testo, 'utf8'),
        filename: 'dichiarazione.txt',
        mimeType: 'text/plain',
        titolo: input.titolo,
        tipo: 'DICHIARAZIONE_PATRIMONIO',
        workflowId: input.workflowId,
        enteId: input.enteId,
      });
      return { documentId: stored.id, nome: stored.filename, sha256: stored.sha256 };
    },

    /**
     * Makes the ente's transmission official: the validated flusso (read again from the filed document,
     * so no records travel through the workflow, and loaded only if the rules pass once more: see
     * load-flusso.ts) — a MANUALE snapshot when the platform wrote that flusso from the manual form —,
     * or a declaration of no change or of an empty stock. Idempotent: the snapshot is unique per ente
     * and reference date.
     */
    async confirmStock(input: { azione: ConfirmAzione; uploadId?: string; enteId: string; dataRiferimento: string; workflowId: string; protocolloId: string }): Promise<LoadedSnapshot> {
      const meta = { enteId: input.enteId, dataRiferimento: input.dataRiferimento, workflowId: input.workflowId, protocolloId: input.protocolloId };
      if (input.azione === 'CONSISTENZA_NULLA') return consistenzaNulla(db, meta);
      if (input.azione === 'NESSUNA_VARIAZIONE') return nessunaVariazione(db, meta);
      const upload = await db.flussoUpload.findUniqueOrThrow({ where: { id: input.uploadId } });
      // Its report already says so: no need to read it again.
      if (upload.esito === 'CON_ERRORI') throw flussoConErrori();
      const document = await documents.find(upload.documentId);
      const tipo = document?.tipo === FLUSSO_DOCUMENTO.manuale ? 'MANUALE' : 'FLUSSO';
      const header = { ...meta, tipo, documentId: upload.documentId } as const;
      return withFiledFlusso({ ...input, documentId: upload.documentId }, (validation) => loadValidatedFlusso(db, deps.databaseUrl, header, validation));
    },
  };
}

function summaryOf(
  upload: { id: string; tentativo: number; esito: EsitoValidazione; errori: number; avvisi: number; unitsCount: number; buildingsCount: number },
  document: { id: string; filename: string; sha256: string } | null,
): UploadSummary {
  if (!document) throw new Error(`the document of upload ${upload.id} is missing from the document store`);
  return {
    documento: { documentId: document.id, nome: document.filename, sha256: document.sha256 },
    uploadId: upload.id,
    tentativo: upload.tentativo,
    esito: upload.esito,
    errori: upload.errori,
    avvisi: upload.avvisi,
    unitsCount: upload.unitsCount,
    buildingsCount: upload.buildingsCount,
  };
}
