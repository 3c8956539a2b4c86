// The activities of a call after its riparto: the Region's liquidation acts (one per group of Comuni), each
// Comune's revised ranking and its rendicontazione. Every write is idempotent: a liquidation is recorded once
// per key, and a state already reached is not written or audited again.
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { DecisionOf } from '../../workflows/shared/forms';
import { centsOf, decimalOf } from '../../workflows/shared/money';

/** What the application's timeline says of each state after the riparto (the descriptor's audit actions). */
const AZIONE_DI = {
  QUOTA_ASSEGNATA: 'QUOTA_ASSEGNATA',
  LIQUIDATA: 'QUOTA_LIQUIDATA',
  RENDICONTAZIONE_IN_VERIFICA: 'RENDICONTAZIONE_PRESENTATA',
  RENDICONTAZIONE_INTEGRAZIONE: 'RENDICONTAZIONE_DA_CORREGGERE',
  RENDICONTATA: 'RENDICONTAZIONE_APPROVATA',
  RENDICONTAZIONE_MANCATA: 'RENDICONTAZIONE_MANCATA',
} as const;
type StatoDopoRiparto = keyof typeof AZIONE_DI;

export function createLiquidazioniActivities({ db }: { db: Db }) {
  const audit = (tx: Prisma.TransactionClient, row: { actorId?: string | null; enteId: string; azione: string; oggetto: string; details: Record<string, unknown> }) =>
    tx.auditEvent.create({ data: { actorId: row.actorId ?? null, enteId: row.enteId, azione: row.azione, oggetto: row.oggetto, details: row.details as Prisma.InputJsonObject } });

  return {
    /**
     * Records a liquidation act paying their shares to a group of Comuni: the act, its total, and the link
     * from each application. Recorded once per key; a retry returns the first.
     */
    async registraLiquidazione(input: {
      idempotencyKey: string; bandoId: string; regioneEnteId: string; enteIds: string[]; numeroAtto: string; dataAtto: string; actorId: string;
    }): Promise<{ liquidazioneId: string; liquidataIl: string }> {
      return db.$transaction(async (tx) => {
        const existing = await tx.liquidazioneFondo.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
        if (existing) return { liquidazioneId: existing.id, liquidataIl: existing.createdAt.toISOString() };
        const domande = await tx.domandaFondo.findMany({ where: { bandoId: input.bandoId, enteId: { in: input.enteIds } }, select: { id: true, quotaTotale: true } });
        const totale = domande.reduce((sum, domanda) => sum + centsOf(domanda.quotaTotale?.toString() ?? '0'), 0);
        const liquidazione = await tx.liquidazioneFondo.create({
          data: {
            idempotencyKey: input.idempotencyKey,
            bandoId: input.bandoId,
            numeroAtto: input.numeroAtto,
            dataAtto: new Date(`${input.dataAtto}T00:00:00Z`),
            totale: decimalOf(totale),
            registrataDaId: input.actorId,
          },
        });
        await tx.domandaFondo.updateMany({ where: { id: { in: domande.map((domanda) => domanda.id) } }, data: { liquidazioneId: liquidazione.id } });
        await audit(tx, {
          actorId: input.actorId, enteId: input.regioneEnteId, azione: 'LIQUIDAZIONE_REGISTRATA', oggetto: `bando:${input.bandoId}`,
          details: { liquidazioneId: liquidazione.id, numeroAtto: input.numeroAtto, dataAtto: input.dataAtto, comuni: input.enteIds.length, totale: decimalOf(totale) },
        });
        return { liquidazioneId: liquidazione.id, liquidataIl: liquidazione.createdAt.toISOString() };
      });
    },

    /** An application's state after the riparto and what came with it; each state is audited once. */
    async statoRendicontazione(input: {
      domandaId: string; stato: StatoDopoRiparto; actorId?: string | null; graduatoriaRideterminataDocumentId?: string; rendicontazioneScadenza?: string;
      rendicontazione?: DecisionOf<'rendicontazione-fondo'>; richiesta?: string;
    }): Promise<void> {
      const { domandaId, stato, actorId, rendicontazione, richiesta } = input;
      await db.$transaction(async (tx) => {
        const before = await tx.domandaFondo.findUniqueOrThrow({ where: { id: domandaId } });
        const nuovaRendicontazione = rendicontazione !== undefined && rendicontazione.relazioneDocumentId !== before.rendicontazioneDocumentId;
        const nuovaGraduatoria = input.graduatoriaRideterminataDocumentId !== undefined && input.graduatoriaRideterminataDocumentId !== before.graduatoriaRideterminataDocumentId;
        const figures = rendicontazione && {
          pagatoA: rendicontazione.pagatoA,
          beneficiariPagatiA: rendicontazione.beneficiariA,
          pagatoB: rendicontazione.pagatoB,
          beneficiariPagatiB: rendicontazione.beneficiariB,
          residuo: rendicontazione.residuo,
          rendicontazioneDocumentId: rendicontazione.relazioneDocumentId,
          // When this report came: a retry of the same one keeps the time of the first.
          rendicontataAt: nuovaRendicontazione ? new Date() : before.rendicontataAt,
        };
        await tx.domandaFondo.update({
          where: { id: domandaId },
          data: {
            stato,
            ...figures,
            ...(input.graduatoriaRideterminataDocumentId ? { graduatoriaRideterminataDocumentId: input.graduatoriaRideterminataDocumentId } : {}),
            ...(input.rendicontazioneScadenza ? { rendicontazioneScadenza: new Date(input.rendicontazioneScadenza) } : {}),
          },
        });
        if (before.stato === stato && !nuovaGraduatoria && !nuovaRendicontazione) return;
        await audit(tx, {
          actorId, enteId: before.enteId, azione: nuovaGraduatoria ? 'GRADUATORIA_RIDETERMINATA' : AZIONE_DI[stato], oggetto: `domanda-fondo:${domandaId}`,
          details: { workflowId: before.workflowId, stato, ...(figures ? { pagatoA: figures.pagatoA, pagatoB: figures.pagatoB, residuo: figures.residuo } : {}), ...(richiesta ? { richiesta } : {}) },
        });
      });
    },
  };
}
