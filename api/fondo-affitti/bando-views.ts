// The calls and applications as the API shows them: rows of the database into ./views.
import type { Db } from '../../prisma/client';
import type { BandoFondo, DomandaFondo, FonteFondo, Prisma } from '../../prisma/generated/client';
import { holdsCandidacy, type Actor } from '../../workflows/shared/actor';
import { FASCE } from '../../workflows/shared/fondo-affitti/bando';
import type { ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';
import { centsOf, decimalOf } from '../../workflows/shared/money';
import type { BandoSintesi, BandoStato, BandoView, DomandaStato, DomandaView, FasciaDomandaView } from './views';

const euro = (value: Prisma.Decimal | null): string | null => (value === null ? null : decimalOf(centsOf(value.toString())));

const protocolloOf = async (db: Db, id: string | null) => {
  if (!id) return null;
  const registration = await db.protocolRegistration.findUnique({ where: { id }, select: { number: true, year: true } });
  return registration ? `${registration.number}/${registration.year}` : null;
};

export function bandoSintesi(row: BandoFondo & { fonti: FonteFondo[] }, domanda: { id: string; stato: string } | null): BandoSintesi {
  return {
    id: row.id,
    tipo: row.tipo,
    anno: row.anno,
    titolo: row.titolo,
    apertura: row.apertura.toISOString(),
    scadenza: row.scadenza.toISOString(),
    stato: row.stato as BandoStato,
    dotazione: decimalOf(row.fonti.reduce((sum, fonte) => sum + centsOf(fonte.importo.toString()), 0)),
    domanda: domanda ? { id: domanda.id, stato: domanda.stato as DomandaStato } : null,
  };
}

/** `stato`: the procedure's own word on a draft (null when it cannot be asked), which decides what may be done. */
export async function bandoView(db: Db, row: BandoFondo & { fonti: FonteFondo[] }, actor: Actor, options: { runs: boolean; stato: string | null }): Promise<BandoView> {
  const own = await db.domandaFondo.findFirst({ where: { bandoId: row.id, enteId: { in: actor.roles.map((role) => role.enteId) } }, select: { id: true, stato: true } });
  const [atto, riparto] = await Promise.all([protocolloOf(db, row.protocolloId), protocolloOf(db, row.ripartoProtocolloId)]);
  const bozza = row.stato === 'BOZZA' && options.stato === 'BOZZA';
  return {
    ...bandoSintesi(row, own),
    workflowId: row.workflowId,
    fonti: row.fonti.map((fonte) => ({ riferimento: fonte.riferimento, importo: euro(fonte.importo)!, quota: fonte.quota })),
    parametri: row.parametri as unknown as ParametriBando,
    sollecitiGiorni: row.sollecitiGiorni,
    notaRinvio: row.notaRinvio,
    atto: row.attoDocumentId && atto ? { documentId: row.attoDocumentId, protocollo: atto } : null,
    riparto: row.ripartoDocumentId && riparto ? { documentId: row.ripartoDocumentId, protocollo: riparto } : null,
    puoModificare: options.runs && bozza,
    puoInviareAllaFirma: options.runs && bozza,
    puoProrogare: options.runs && row.stato === 'APERTO' && row.scadenza.getTime() > Date.now(),
  };
}

type DomandaRow = DomandaFondo & { bando: BandoFondo; ente: { denominazione: string } };

export async function domandaView(db: Db, row: DomandaRow, actor: Actor): Promise<DomandaView> {
  const ids = [row.bandoComunaleDocumentId, row.graduatoriaDocumentId, row.beneficiariDocumentId, row.graduatoriaRideterminataDocumentId, row.rendicontazioneDocumentId]
    .filter((id): id is string => id !== null);
  const documents = new Map((await db.document.findMany({ where: { id: { in: ids } }, select: { id: true, filename: true } })).map((document) => [document.id, document.filename]));
  const file = (id: string | null) => (id && documents.has(id) ? { documentId: id, nome: documents.get(id)! } : null);
  const fascia = (key: 'A' | 'B'): FasciaDomandaView => ({
    ricevute: row[`ricevute${key}`],
    ammissibili: row[`ammissibili${key}`],
    esclusi: row[`esclusi${key}`],
    fabbisogno: euro(row[`fabbisogno${key}`]),
  });
  const referente = holdsCandidacy(actor, { candidateEnteId: row.enteId, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' });
  const liquidazione = row.liquidazioneId ? await db.liquidazioneFondo.findUnique({ where: { id: row.liquidazioneId }, select: { numeroAtto: true, dataAtto: true } }) : null;
  return {
    id: row.id,
    bandoId: row.bandoId,
    titoloBando: row.bando.titolo,
    apertura: row.bando.apertura.toISOString(),
    scadenza: row.bando.scadenza.toISOString(),
    enteId: row.enteId,
    ente: row.ente.denominazione,
    workflowId: row.workflowId,
    stato: row.stato,
    fasce: Object.fromEntries(FASCE.map((key) => [key, fascia(key)])) as DomandaView['fasce'],
    cofinanziamento: euro(row.cofinanziamento),
    attoCofinanziamento: row.attoCofinanziamento,
    bandoComunale: file(row.bandoComunaleDocumentId),
    graduatoria: file(row.graduatoriaDocumentId),
    beneficiari: file(row.beneficiariDocumentId) && { ...file(row.beneficiariDocumentId)!, righe: await db.beneficiarioFondo.count({ where: { domandaId: row.id } }) },
    presentataAt: row.presentataAt?.toISOString() ?? null,
    protocollo: await protocolloOf(db, row.protocolloId),
    motivazione: row.motivazione,
    integrazioneRichiesta: row.integrazioneRichiesta,
    integrazioneScadenza: row.integrazioneScadenza?.toISOString() ?? null,
    quota: row.quotaTotale === null ? null : {
      ordinaria: euro(row.quotaOrdinaria)!, premiale: euro(row.quotaPremiale)!, penalita: euro(row.penalita)!, redistribuzione: euro(row.redistribuzione)!, totale: euro(row.quotaTotale)!,
    },
    graduatoriaRideterminata: file(row.graduatoriaRideterminataDocumentId),
    liquidazione: liquidazione && { numeroAtto: liquidazione.numeroAtto, dataAtto: liquidazione.dataAtto.toISOString().slice(0, 10), importo: euro(row.quotaTotale) ?? '0.00' },
    rendicontazione: row.rendicontazioneScadenza === null ? null : {
      scadenza: row.rendicontazioneScadenza.toISOString(),
      rendicontataAt: row.rendicontataAt?.toISOString() ?? null,
      fasce: { A: { pagato: euro(row.pagatoA), beneficiari: row.beneficiariPagatiA }, B: { pagato: euro(row.pagatoB), beneficiari: row.beneficiariPagatiB } },
      residuo: euro(row.residuo),
      relazione: file(row.rendicontazioneDocumentId),
    },
    puoModificare: referente && row.stato === 'DA_PRESENTARE' && row.bando.scadenza.getTime() > Date.now(),
  };
}
