// The activities of the ricognizione patrimoniale: who in the campaign's scope is still due, the PEC
// each of them gets (opening notice, reminders), and the campaign's deadline and closing on record.
// "Due" is always read from the stock: an ente is due until it has a snapshot at the reference date.
import type { Db } from '../../prisma/client';
import { message, type Message } from '../../workflows/shared/messages';
import { createMessageRenderer } from '../notifications/messages';
import type { PecService } from '../pec/pec';
import { heartbeat } from '../progress';

export interface CampaignEnte {
  /** Its RicognizioneEnte row. */
  memberId: string;
  enteId: string;
  denominazione: string;
  pec: string | null;
}

/** A PEC round: the opening notice, or a reminder counted from a deadline. */
export interface PecRound {
  ricognizioneId: string;
  workflowId: string;
  /** "avvio" or "<days>@<deadline>": one PEC per ente and round. */
  round: string;
  kind: 'AVVIO' | 'SOLLECITO';
  /** ISO date-time. */
  scadenza: string;
}

/** The round's message: the opening notice, or a reminder that says whether the deadline has passed. */
function roundMessage(round: PecRound, ente: CampaignEnte, dataRiferimento: Date): Message {
  const valori = { denominazione: ente.denominazione, dataRiferimento: dataRiferimento.toISOString(), scadenza: round.scadenza };
  return round.kind === 'AVVIO'
    ? message('ricognizione-avvio', valori)
    : message('ricognizione-sollecito', { ...valori, scaduto: Date.now() > Date.parse(round.scadenza) });
}

export function createRicognizioneActivities(deps: { db: Db; pec: PecService }) {
  const { db, pec } = deps;
  const messages = createMessageRenderer();

  /** The enti in scope that have no snapshot at the reference date yet. */
  async function dueEnti(ricognizioneId: string): Promise<CampaignEnte[]> {
    return db.$queryRaw<CampaignEnte[]>`
      SELECT re."id" AS "memberId", e."id" AS "enteId", e."denominazione", e."pec"
      FROM "RicognizioneEnte" re
      JOIN "Ricognizione" r ON r."id" = re."ricognizioneId"
      JOIN "Ente" e ON e."id" = re."enteId"
      WHERE re."ricognizioneId" = ${ricognizioneId}
        AND NOT EXISTS (SELECT 1 FROM "StockSnapshot" s WHERE s."enteId" = re."enteId" AND s."dataRiferimento" = r."dataRiferimento")
      ORDER BY e."denominazione"`;
  }

  return {
    dueEnti: (input: { ricognizioneId: string }) => dueEnti(input.ricognizioneId),

    /**
     * Sends the round's PEC to every ente still due that has a PEC address and has not had it yet.
     * Idempotent: the PEC key and the (ente, round) row make a retried round send nothing twice.
     */
    async sendCampaignPecs(round: PecRound): Promise<{ sent: number; withoutPec: number }> {
      const ricognizione = await db.ricognizione.findUniqueOrThrow({ where: { id: round.ricognizioneId } });
      const due = await dueEnti(round.ricognizioneId);
      const already = new Set(
        (await db.ricognizionePec.findMany({ where: { round: round.round, ricognizioneEnte: { ricognizioneId: round.ricognizioneId } }, select: { ricognizioneEnteId: true } }))
        .map((row) => row.ricognizioneEnteId),
      );
      let sent = 0;
      let withoutPec = 0;
      for (const [index, ente] of due.entries()) {
        heartbeat({ fraction: index / due.length, phase: round.round });
        if (!ente.pec) {
          withoutPec++;
          continue;
        }
        if (already.has(ente.memberId)) continue;
        const { oggetto, testo } = messages.render(roundMessage(round, ente, ricognizione.dataRiferimento));
        const pecMessage = await pec.send({ idempotencyKey: `${round.workflowId}/${round.round}/${ente.enteId}`, to: ente.pec, subject: oggetto, text: testo, workflowId: round.workflowId, enteId: ente.enteId });
        await db.ricognizionePec.createMany({ data: [{ ricognizioneEnteId: ente.memberId, round: round.round, pecId: pecMessage.id }], skipDuplicates: true });
        sent++;
      }
      return { sent, withoutPec };
    },

    async setCampaignDeadline(input: { ricognizioneId: string; scadenza: string; actorId: string; regioneEnteId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.ricognizione.findUniqueOrThrow({ where: { id: input.ricognizioneId } });
        if (before.scadenza.toISOString() === new Date(input.scadenza).toISOString()) return;
        await tx.ricognizione.update({ where: { id: input.ricognizioneId }, data: { scadenza: new Date(input.scadenza) } });
        await tx.auditEvent.create({
          data: {
            actorId: input.actorId,
            enteId: input.regioneEnteId,
            azione: 'RICOGNIZIONE_PROROGATA',
            oggetto: `ricognizione:${input.ricognizioneId}`,
            details: { workflowId: before.workflowId, da: before.scadenza.toISOString(), a: input.scadenza },
          },
        });
      });
    },

    async closeCampaign(input: { ricognizioneId: string; actorId: string | null; regioneEnteId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.ricognizione.findUniqueOrThrow({ where: { id: input.ricognizioneId } });
        if (before.stato === 'CHIUSA') return;
        await tx.ricognizione.update({ where: { id: input.ricognizioneId }, data: { stato: 'CHIUSA', chiusaAt: new Date() } });
        await tx.auditEvent.create({
          data: { actorId: input.actorId, enteId: input.regioneEnteId, azione: 'RICOGNIZIONE_CHIUSA', oggetto: `ricognizione:${input.ricognizioneId}`, details: { workflowId: before.workflowId } },
        });
      });
    },
  };
}
