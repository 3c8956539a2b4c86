import type { Prisma } from '../../prisma/generated/client';
import type { Actor } from '../../workflows/shared/actor';
import { notFound } from '../errors';
import { protocolNumbers } from '../protocol-numbers';
import type { ApiRuntime } from '../runtime';
import { namesOf } from '../people';
import { readableEntiWhere } from '../read-access';
import type { Page } from '../views';
import type { ComunicazioneDetail, ComunicazioneSummary } from './views';

const include = {
  ente: { select: { id: true, denominazione: true } },
} as const;

function communicationsWhere(runtime: ApiRuntime, actor: Actor): Prisma.CommunicationWhereInput {
  return { ente: readableEntiWhere(actor, runtime.regioneEnteId) };
}

export async function listCommunications(
  runtime: ApiRuntime,
  actor: Actor,
  query: { ente?: string; stato?: Prisma.CommunicationWhereInput['stato']; pagina: number; perPagina: number },
): Promise<Page<ComunicazioneSummary>> {
  const where: Prisma.CommunicationWhereInput = {
    AND: [communicationsWhere(runtime, actor), query.ente ? { enteId: query.ente } : {}, query.stato ? { stato: query.stato } : {}],
  };
  const [rows, total] = await runtime.db.$transaction([
    runtime.db.communication.findMany({
      where,
      include,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (query.pagina - 1) * query.perPagina,
      take: query.perPagina,
    }),
    runtime.db.communication.count({ where }),
  ]);
  const protocols = await protocolNumbers(runtime.db, rows.map((row) => row.protocolloId));
  return {
    items: rows.map((row) => ({
      id: row.id,
      oggetto: row.oggetto,
      ente: row.ente,
      stato: row.stato,
      protocollo: row.protocolloId ? (protocols.get(row.protocolloId) ?? null) : null,
      createdAt: row.createdAt.toISOString(),
    })),
    total,
  };
}

export async function communicationDetail(runtime: ApiRuntime, actor: Actor, id: string): Promise<ComunicazioneDetail> {
  const row = await runtime.db.communication.findFirst({
    where: { AND: [{ id }, communicationsWhere(runtime, actor)] },
    include: { ...include, attachments: { select: { id: true, filename: true, mimeType: true, size: true } } },
  });
  if (!row) throw notFound('Comunicazione');
  const [protocols, people] = await Promise.all([protocolNumbers(runtime.db, [row.protocolloId]), namesOf(runtime.db, [row.senderId, row.esitoById])]);
  return {
    id: row.id,
    oggetto: row.oggetto,
    testo: row.testo,
    ente: row.ente,
    stato: row.stato,
    workflowId: row.workflowId,
    protocollo: row.protocolloId ? (protocols.get(row.protocolloId) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    mittente: { nomeCompleto: people.get(row.senderId) ?? '' },
    esito: row.esitoAt
      ? { stato: row.stato, note: row.esitoNote, da: row.esitoById ? (people.get(row.esitoById) ?? null) : null, at: row.esitoAt.toISOString() }
      : null,
    allegati: row.attachments.map((file) => ({ ...file, url: `/api/allegati/${file.id}` })),
  };
}

/** An attachment's bytes (from the document store, which checks its Impronta), for those who may see its communication. */
export async function readAttachment(runtime: ApiRuntime, actor: Actor, id: string) {
  const file = await runtime.db.attachment.findFirst({
    where: { id, communication: communicationsWhere(runtime, actor) },
  });
  if (!file) throw notFound('Allegato');
  const content = file.documentId ? (await runtime.documents.read(file.documentId)).content : Buffer.from(file.content!);
  return { filename: file.filename, mimeType: file.mimeType, content };
}
