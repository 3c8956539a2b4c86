import { BOZZA_DA_FIRMARE } from '../../activities/acts/produce-act';
import type { Prisma } from '../../prisma/generated/client';
import { isRegioneUser, type Actor } from '../../workflows/shared/actor';
import { notFound } from '../errors';
import { protocolNumbers } from '../protocol-numbers';
import type { ApiRuntime } from '../runtime';
import { visibleWhere } from '../tasks/visibility';
import { procedureTimeline } from '../timeline';
import type { Page } from '../views';
import type { AccreditamentoDetail, AccreditamentoSummary, EnteTipo, Rappresentante } from './views';

/** The requester sees their requests; the ente's legal representatives theirs; Regione roles all. */
export function accreditationsWhere(actor: Actor, regioneEnteId: string): Prisma.AccreditationRequestWhereInput {
  if (isRegioneUser(actor, regioneEnteId)) return {};
  const represented = actor.roles.filter((grant) => grant.ruolo === 'RAPPRESENTANTE_LEGALE').map((grant) => grant.enteId);
  return { OR: [{ richiedenteId: actor.userId }, { enteId: { in: represented } }] };
}

export async function listAccreditations(runtime: ApiRuntime, actor: Actor, query: { stato?: Prisma.AccreditationRequestWhereInput['stato']; pagina: number; perPagina: number }): Promise<Page<AccreditamentoSummary>> {
  const where: Prisma.AccreditationRequestWhereInput = { AND: [accreditationsWhere(actor, runtime.regioneEnteId), query.stato ? { stato: query.stato } : {}] };
  const [rows, total] = await runtime.db.$transaction([
    runtime.db.accreditationRequest.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (query.pagina - 1) * query.perPagina, take: query.perPagina }),
    runtime.db.accreditationRequest.count({ where }),
  ]);
  const numbers = await protocolNumbers(runtime.db, rows.flatMap((row) => [row.protocolloEntrataId, row.protocolloUscitaId]));
  return {
    items: rows.map((row) => ({
      id: row.id,
      denominazione: row.denominazione,
      tipo: row.tipo as EnteTipo,
      codiceFiscale: row.codiceFiscale,
      stato: row.stato,
      protocolloEntrata: row.protocolloEntrataId ? (numbers.get(row.protocolloEntrataId) ?? null) : null,
      protocolloUscita: row.protocolloUscitaId ? (numbers.get(row.protocolloUscitaId) ?? null) : null,
      createdAt: row.createdAt.toISOString(),
    })),
    total,
  };
}

// `tipo as EnteTipo`: a request's schema (./request.ts) has no REGIONE; `rappresentante` is the JSON it stored.
export async function accreditationDetail(runtime: ApiRuntime, actor: Actor, id: string): Promise<AccreditamentoDetail> {
  const row = await runtime.db.accreditationRequest.findFirst({ where: { AND: [{ id }, accreditationsWhere(actor, runtime.regioneEnteId)] } });
  if (!row) throw notFound('Richiesta di accreditamento');
  const [numbers, documents, timeline] = await Promise.all([
    protocolNumbers(runtime.db, [row.protocolloEntrataId, row.protocolloUscitaId]),
    // The act as read before signing is the dirigente's: the request lists the signed one.
    runtime.db.document.findMany({ where: { workflowId: row.workflowId, tipo: { not: BOZZA_DA_FIRMARE } }, orderBy: { createdAt: 'asc' }, select: { id: true, filename: true, titolo: true, tipo: true, mimeType: true, size: true, sha256: true } }),
    procedureTimeline(runtime.db, row.workflowId),
  ]);
  const attivita = await runtime.db.task.findMany({
    where: { AND: [{ workflowId: row.workflowId, stato: 'APERTA' }, visibleWhere(actor, runtime.regioneEnteId)] },
    select: { id: true, titolo: true },
  });
  const pec = await runtime.db.pecMessage.findMany({ where: { workflowId: row.workflowId }, orderBy: { createdAt: 'asc' }, select: { id: true, oggetto: true, destinatario: true, stato: true, createdAt: true } });
  return {
    id: row.id,
    workflowId: row.workflowId,
    denominazione: row.denominazione,
    tipo: row.tipo as EnteTipo,
    codiceFiscale: row.codiceFiscale,
    istatComune: row.istatComune,
    pec: row.pec,
    sede: row.sede,
    rappresentante: row.rappresentante as unknown as Rappresentante,
    stato: row.stato,
    motivazione: row.motivazione,
    integrazioneRichiesta: row.integrazioneRichiesta,
    integrazioneScadenza: row.integrazioneScadenza?.toISOString() ?? null,
    protocolloEntrata: row.protocolloEntrataId ? (numbers.get(row.protocolloEntrataId) ?? null) : null,
    protocolloUscita: row.protocolloUscitaId ? (numbers.get(row.protocolloUscitaId) ?? null) : null,
    documenti: documents.map((doc) => ({ ...doc, url: `/api/documenti/${doc.id}` })),
    messaggiPec: pec.map((message) => ({ ...message, createdAt: message.createdAt.toISOString(), url: `/api/pec/${message.id}` })),
    attivita,
    timeline,
    createdAt: row.createdAt.toISOString(),
  };
}
