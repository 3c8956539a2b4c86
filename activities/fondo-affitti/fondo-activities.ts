// The activities of the rent-support fund's call and applications: the call's and the applications' rows and
// audit trail, the Comuni a call reaches, the PEC rounds to those that have not applied, and the riparto
// computed from the admitted applications. Every write is idempotent: a retry sets the same values.
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { DecisionOf } from '../../workflows/shared/forms';
import { FASCE, VOCI_RIPARTO } from '../../workflows/shared/fondo-affitti/bando';
import { domandaFondoWorkflowId, QUOTA_SPESA_RENDICONTATA, type ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';
import { message, type Message } from '../../workflows/shared/messages';
import { centsOf, decimalOf } from '../../workflows/shared/money';
import { formatPercentuale, formatQuota } from '../../workflows/shared/percent';
import type { DocumentStore } from '../documents/document-store';
import { createMessageRenderer } from '../notifications/messages';
import type { PecService } from '../pec/pec';
import { heartbeat } from '../progress';
import { ripartoDelBando } from './riparto-del-bando';

type BandoStato = Prisma.BandoFondoUpdateInput['stato'] & string;
type DomandaStato = Prisma.DomandaFondoUpdateInput['stato'] & string;

export interface BandoLetto {
  tipo: 'FONDO_AFFITTI' | 'MOROSITA_INCOLPEVOLE';
  anno: number;
  titolo: string;
  apertura: string;
  scadenza: string;
  parametri: ParametriBando;
  sollecitiGiorni: number[];
  fonti: { riferimento: string; importo: string; quota: 'ORDINARIA' | 'PREMIALE' }[];
}

/** A Comune the call reaches, with the application row the campaign gives its procedure. */
export interface ComuneDelBando {
  enteId: string;
  denominazione: string;
  pec: string | null;
  domandaId: string;
}

/** A round of PEC to the Comuni that have not applied: the opening (with the call act), a reminder, an extension. */
export interface BandoPecRound {
  bandoId: string;
  workflowId: string;
  /** "avvio", "<days>@<deadline>", "proroga@<deadline>": one PEC per Comune and round. */
  round: string;
  kind: 'AVVIO' | 'SOLLECITO' | 'PROROGA';
  scadenza: string;
  /** The call act and its protocol ("n/anno"), attached to the opening notice. */
  atto: { documentId: string; protocollo: string };
}

const decimal = (value: Prisma.Decimal | null): string => (value === null ? '0.00' : decimalOf(centsOf(value.toString())));

export function createFondoActivities(deps: { db: Db; pec: PecService; documents: DocumentStore }) {
  const { db, pec, documents } = deps;
  const messages = createMessageRenderer();

  const audit = (tx: Prisma.TransactionClient, row: { actorId?: string | null; enteId: string; azione: string; oggetto: string; workflowId: string; details?: Record<string, unknown> }) =>
    tx.auditEvent.create({ data: { actorId: row.actorId ?? null, enteId: row.enteId, azione: row.azione, oggetto: row.oggetto, details: { workflowId: row.workflowId, ...row.details } as Prisma.InputJsonObject } });

  /** The Comuni still to apply: those the extension and the reminders are for. */
  async function comuniDaPresentare(bandoId: string): Promise<ComuneDelBando[]> {
    const rows = await db.domandaFondo.findMany({
      where: { bandoId, stato: 'DA_PRESENTARE' },
      select: { id: true, ente: { select: { id: true, denominazione: true, pec: true } } },
      orderBy: { ente: { denominazione: 'asc' } },
    });
    return rows.map((row) => ({ enteId: row.ente.id, denominazione: row.ente.denominazione, pec: row.ente.pec, domandaId: row.id }));
  }

  return {
    async leggiBando(input: { bandoId: string }): Promise<BandoLetto> {
      const bando = await db.bandoFondo.findUniqueOrThrow({ where: { id: input.bandoId }, include: { fonti: { orderBy: { id: 'asc' } } } });
      return {
        tipo: bando.tipo,
        anno: bando.anno,
        titolo: bando.titolo,
        apertura: bando.apertura.toISOString(),
        scadenza: bando.scadenza.toISOString(),
        parametri: bando.parametri as unknown as ParametriBando,
        sollecitiGiorni: bando.sollecitiGiorni,
        fonti: bando.fonti.map((fonte) => ({ riferimento: fonte.riferimento, importo: decimal(fonte.importo), quota: fonte.quota })),
      };
    },

    /**
     * The call's state and what came with it. `passo` names the step ("invio-1", "proroga@…"): the audit trail
     * says each step once, so a retry changes nothing.
     */
    async statoBando(input: {
      bandoId: string; regioneEnteId: string; passo: string; azione: string; stato?: BandoStato; actorId?: string | null;
      notaRinvio?: string | null; scadenza?: string; attoDocumentId?: string; protocolloId?: string; ripartoDocumentId?: string; ripartoProtocolloId?: string;
    }): Promise<void> {
      const { bandoId, regioneEnteId, passo, azione, actorId, scadenza, ...fields } = input;
      await db.$transaction(async (tx) => {
        const before = await tx.bandoFondo.findUniqueOrThrow({ where: { id: bandoId } });
        if (await tx.auditEvent.findFirst({ where: { oggetto: `bando:${bandoId}`, details: { path: ['passo'], equals: passo } } })) return;
        await tx.bandoFondo.update({ where: { id: bandoId }, data: { ...fields, ...(scadenza ? { scadenza: new Date(scadenza) } : {}) } });
        await audit(tx, {
          actorId, enteId: regioneEnteId, azione, oggetto: `bando:${bandoId}`, workflowId: before.workflowId,
          details: { passo, ...(scadenza ? { da: before.scadenza.toISOString(), a: scadenza } : {}), ...(input.notaRinvio ? { nota: input.notaRinvio } : {}) },
        });
      });
    },

    /**
     * The Comuni the call reaches, each with its application row (created once): every active Comune, or
     * for Morosità incolpevole the ATA Comuni and those over 10,000 inhabitants.
     */
    async comuniDelBando(input: { bandoId: string }): Promise<ComuneDelBando[]> {
      const bando = await db.bandoFondo.findUniqueOrThrow({ where: { id: input.bandoId } });
      const enti = await db.ente.findMany({
        where: {
          tipo: 'COMUNE',
          stato: 'ATTIVO',
          ...(bando.tipo === 'MOROSITA_INCOLPEVOLE' ? { OR: [{ ata: true }, { abitanti: { gt: 10_000 } }] } : {}),
        },
        select: { id: true, denominazione: true, pec: true },
        orderBy: { denominazione: 'asc' },
      });
      await db.domandaFondo.createMany({
        data: enti.map((ente) => ({ bandoId: bando.id, enteId: ente.id, workflowId: domandaFondoWorkflowId(bando.id, ente.id) })),
        skipDuplicates: true,
      });
      const ids = new Map((await db.domandaFondo.findMany({ where: { bandoId: bando.id }, select: { id: true, enteId: true } })).map((row) => [row.enteId, row.id]));
      return enti.map((ente) => ({ enteId: ente.id, denominazione: ente.denominazione, pec: ente.pec, domandaId: ids.get(ente.id)! }));
    },

    comuniDaPresentare: (input: { bandoId: string }) => comuniDaPresentare(input.bandoId),

    /** Sends the round's PEC to every Comune still to apply that has an address; the PEC's key makes a retried round send none twice. */
    async sendBandoPecs(round: BandoPecRound): Promise<{ sent: number; withoutPec: number }> {
      const bando = await db.bandoFondo.findUniqueOrThrow({ where: { id: round.bandoId } });
      const due = await comuniDaPresentare(round.bandoId);
      const attachments = round.kind === 'AVVIO' ? [await documents.read(round.atto.documentId)].map(({ document, content }) => ({ filename: document.filename, content, contentType: document.mimeType })) : [];
      let sent = 0;
      let withoutPec = 0;
      for (const [index, comune] of due.entries()) {
        heartbeat({ fraction: index / due.length, phase: round.round });
        if (!comune.pec) {
          withoutPec++;
          continue;
        }
        const valori = { denominazione: comune.denominazione, titoloBando: bando.titolo, scadenza: round.scadenza };
        const text: Message = round.kind === 'AVVIO'
          ? message('fondo-avvio', { ...valori, protocollo: round.atto.protocollo, apertura: bando.apertura.toISOString() })
          : round.kind === 'PROROGA' ? message('fondo-proroga', valori) : message('fondo-sollecito', { ...valori, scaduto: Date.now() > Date.parse(round.scadenza) });
        const { oggetto, testo } = messages.render(text);
        await pec.send({ idempotencyKey: `${round.workflowId}/${round.round}/${comune.enteId}`, to: comune.pec, subject: oggetto, text: testo, attachments, workflowId: round.workflowId, enteId: comune.enteId });
        sent++;
      }
      return { sent, withoutPec };
    },

    /** The figures the Comune submitted, on its application row. */
    async registraDomanda(input: { domandaId: string; domanda: DecisionOf<'domanda-fondo-affitti'>; actorId: string }): Promise<void> {
      const { domanda } = input;
      await db.$transaction(async (tx) => {
        const before = await tx.domandaFondo.findUniqueOrThrow({ where: { id: input.domandaId } });
        if (before.stato !== 'DA_PRESENTARE') return;
        const fasce = Object.fromEntries(FASCE.flatMap((fascia) => [
          [`ricevute${fascia}`, domanda.fasce[fascia].ricevute],
          [`ammissibili${fascia}`, domanda.fasce[fascia].ammissibili],
          [`esclusi${fascia}`, domanda.fasce[fascia].esclusi],
          [`fabbisogno${fascia}`, domanda.fasce[fascia].fabbisogno],
        ]));
        await tx.domandaFondo.update({
          where: { id: input.domandaId },
          data: {
            ...fasce,
            stato: 'PRESENTATA',
            cofinanziamento: domanda.cofinanziamento,
            attoCofinanziamento: domanda.attoCofinanziamento ?? null,
            bandoComunaleDocumentId: domanda.bandoComunaleDocumentId,
            graduatoriaDocumentId: domanda.graduatoriaDocumentId,
            beneficiariDocumentId: domanda.beneficiariDocumentId ?? null,
            presentataAt: new Date(),
            presentataDaId: input.actorId,
          },
        });
        await audit(tx, { actorId: input.actorId, enteId: before.enteId, azione: 'DOMANDA_PRESENTATA', oggetto: `domanda-fondo:${before.id}`, workflowId: before.workflowId });
      });
    },

    /** The application's documents as the protocol registers them. */
    async documentiDomanda(input: { documentIds: string[] }): Promise<{ documentId: string; nome: string; sha256: string }[]> {
      const rows = await db.document.findMany({ where: { id: { in: input.documentIds } }, select: { id: true, filename: true, sha256: true } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return input.documentIds.map((id) => {
        const row = byId.get(id);
        if (!row) throw new Error(`documento ${id} non trovato`);
        return { documentId: row.id, nome: row.filename, sha256: row.sha256 };
      });
    },

    /** The application's state and what came with it; the audit trail says each outcome once. */
    async statoDomanda(input: {
      domandaId: string; stato: DomandaStato; actorId?: string | null; protocolloId?: string; ricevutaDocumentId?: string;
      motivazione?: string; integrazioneRichiesta?: string; integrazioneScadenza?: string; risposta?: string;
    }): Promise<void> {
      const { domandaId, actorId, integrazioneScadenza, risposta, ...fields } = input;
      await db.$transaction(async (tx) => {
        const before = await tx.domandaFondo.findUniqueOrThrow({ where: { id: domandaId } });
        await tx.domandaFondo.update({ where: { id: domandaId }, data: { ...fields, ...(integrazioneScadenza ? { integrazioneScadenza: new Date(integrazioneScadenza) } : {}) } });
        if (before.stato === input.stato && !risposta) return;
        await audit(tx, {
          actorId, enteId: before.enteId, azione: 'DOMANDA_ESITO', oggetto: `domanda-fondo:${domandaId}`, workflowId: before.workflowId,
          details: { stato: input.stato, ...(input.motivazione ? { motivazione: input.motivazione } : {}), ...(input.integrazioneRichiesta ? { richiesta: input.integrazioneRichiesta } : {}), ...(risposta ? { risposta } : {}) },
        });
      });
    },

    /**
     * Computes the riparto from the admitted applications and writes each one's share on its row (a proposal
     * until the act is signed; computed again, the same figures). Returns the totals the istruttore reviews.
     */
    async calcolaRipartoBando(input: { bandoId: string }): Promise<{ comuni: number; budget: string; fabbisogno: string; assegnato: string }> {
      const { riparto } = await ripartoDelBando(db, input.bandoId);
      await db.$transaction(riparto.quote.map((quota) => db.domandaFondo.update({
        where: { bandoId_enteId: { bandoId: input.bandoId, enteId: quota.enteId } },
        data: {
          quotaOrdinaria: decimalOf(quota.ordinariaCents),
          quotaPremiale: decimalOf(quota.premialeCents),
          penalita: decimalOf(quota.penalitaCents),
          redistribuzione: decimalOf(quota.redistribuzioneCents),
          quotaTotale: decimalOf(quota.totaleCents),
        },
      })));
      return { comuni: riparto.quote.length, budget: decimalOf(riparto.budgetCents), fabbisogno: decimalOf(riparto.totali.fabbisognoCents), assegnato: decimalOf(riparto.assegnatoCents) };
    },

    /** The riparto act's data: the table of shares with the Comuni's names. */
    async datiAttoRiparto(input: { bandoId: string }): Promise<Record<string, unknown>> {
      const { bando, riparto, nomi, escluse } = await ripartoDelBando(db, input.bandoId);
      const parametri = bando.parametri as unknown as ParametriBando;
      const protocollo = bando.protocolloId ? await db.protocolRegistration.findUnique({ where: { id: bando.protocolloId } }) : null;
      return {
        titoloBando: bando.titolo,
        tipoLabel: bando.tipo === 'FONDO_AFFITTI' ? 'Fondo nazionale per il sostegno all’accesso alle abitazioni in locazione' : 'Fondo per gli inquilini morosi incolpevoli',
        anno: bando.anno,
        protocolloBando: protocollo ? { numero: protocollo.number, anno: protocollo.year, data: protocollo.registeredAt.toISOString() } : null,
        budget: decimalOf(riparto.budgetCents),
        fabbisogno: decimalOf(riparto.totali.fabbisognoCents),
        assegnato: decimalOf(riparto.assegnatoCents),
        nonAssegnato: riparto.nonAssegnatoCents > 0 ? decimalOf(riparto.nonAssegnatoCents) : null,
        cofinanziamentoMinimo: formatQuota(parametri.cofinanziamentoMinimo),
        penalitaAta: formatQuota(parametri.penalitaAta),
        morosita: bando.tipo === 'MOROSITA_INCOLPEVOLE',
        quotaSpesa: formatQuota(parametri.quotaSpesaRendicontata ?? QUOTA_SPESA_RENDICONTATA),
        voci: VOCI_RIPARTO[bando.tipo],
        domandeEscluse: escluse,
        righe: riparto.quote.map((quota) => ({
          ente: nomi.get(quota.enteId)!,
          fabbisogno: decimalOf(quota.fabbisognoCents),
          chiave: decimalOf(bando.tipo === 'MOROSITA_INCOLPEVOLE' ? quota.spesaRendicontataCents : quota.cofinanziamentoCents),
          ordinaria: decimalOf(quota.ordinariaCents),
          premiale: decimalOf(quota.premialeCents),
          penalita: decimalOf(quota.penalitaCents),
          redistribuzione: decimalOf(quota.redistribuzioneCents),
          totale: decimalOf(quota.totaleCents),
          copertura: formatPercentuale(quota.copertura),
        })).sort((a, b) => a.ente.localeCompare(b.ente, 'it')),
      };
    },

    /** Each admitted Comune's share and need, for the message that tells it. */
    async quoteBando(input: { bandoId: string }): Promise<{ enteId: string; quota: string; fabbisogno: string }[]> {
      const { riparto } = await ripartoDelBando(db, input.bandoId);
      return riparto.quote.map((quota) => ({ enteId: quota.enteId, quota: decimalOf(quota.totaleCents), fabbisogno: decimalOf(quota.fabbisognoCents) }));
    },
  };
}
