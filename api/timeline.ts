import type { Db } from '../prisma/client';
import type { Prisma } from '../prisma/generated/client';
import { namesOf } from './people';

/** What each audited action is called on a procedure's timeline. */
const LABELS: Record<string, string> = {
  COMUNICAZIONE_INVIATA: 'Comunicazione inviata',
  COMUNICAZIONE_PROTOCOLLATA: 'Protocollata in entrata',
  COMUNICAZIONE_PRESA_IN_CARICO: 'Presa in carico dalla Regione',
  COMUNICAZIONE_NON_DI_COMPETENZA: 'Dichiarata non di competenza',
  ATTIVITA_PRESA_IN_CARICO: 'Attività presa in carico',
  ATTIVITA_RILASCIATA: 'Attività rilasciata',
  ATTIVITA_RIASSEGNATA: 'Attività riassegnata',
  ATTIVITA_COMPLETATA: 'Attività completata',
  ACCREDITAMENTO_INVIATA: 'Richiesta di accreditamento inviata',
  ACCREDITAMENTO_PROTOCOLLATA: 'Protocollata in entrata',
  ACCREDITAMENTO_INTEGRAZIONE_RICHIESTA: 'Integrazione richiesta all’ente',
  ACCREDITAMENTO_INTEGRATA: 'Integrazione inviata dall’ente',
  ACCREDITAMENTO_IN_FIRMA: 'Provvedimento alla firma del dirigente',
  ACCREDITAMENTO_RESPINTA: 'Richiesta respinta',
  ACCREDITAMENTO_DECADUTA: 'Richiesta decaduta',
  ACCREDITAMENTO_ACCREDITATA: 'Ente accreditato',
  RICOGNIZIONE_APERTA: 'Ricognizione aperta',
  RICOGNIZIONE_PROROGATA: 'Scadenza prorogata',
  RICOGNIZIONE_CHIUSA: 'Ricognizione chiusa',
  INCIDENTE_APERTO: 'Incidente',
  INCIDENTE_RITENTATO: 'Incidente: passo ritentato',
  INCIDENTE_RISOLTO: 'Incidente risolto',
};

function describe(details: Prisma.JsonValue): string {
  const value = (details ?? {}) as Record<string, unknown>;
  if (typeof value.numero === 'number') return `Protocollo n. ${value.numero}/${String(value.anno)}`;
  if (typeof value.note === 'string' && value.note) return value.note;
  if (typeof value.titolo === 'string') return value.titolo;
  return '';
}

/** The story of a procedure, from the audit trail: every row written for it carries its workflowId. */
export async function procedureTimeline(db: Db, workflowId: string) {
  const entries = await db.auditEvent.findMany({
    where: { details: { path: ['workflowId'], equals: workflowId } },
    orderBy: { at: 'asc' },
  });
  const people = await namesOf(db, entries.map((entry) => entry.actorId));
  return entries.map((entry) => ({
    at: entry.at.toISOString(),
    titolo: LABELS[entry.azione] ?? entry.azione,
    descrizione: describe(entry.details),
    actor: entry.actorId ? (people.get(entry.actorId) ?? null) : null,
  }));
}
