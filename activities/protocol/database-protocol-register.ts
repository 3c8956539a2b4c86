import type { Db } from '../../prisma/client';
import type { ProtocolRegistration } from '../../prisma/generated/client';
import type { ProtocolRegister, Registration, RegistrationRequest } from './protocol-register';

const yearInRome = (date: Date) => Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Rome' }).format(date));

function toRegistration(row: ProtocolRegistration): Registration {
  return {
    id: row.id,
    aoo: row.aoo,
    register: row.register,
    year: row.year,
    number: row.number,
    direction: row.direction,
    registeredAt: row.registeredAt.toISOString(),
  };
}

/**
 * The platform's own protocol register, in PostgreSQL. The number comes from a counter row locked by
 * the increment, and the registration is inserted in the same transaction: a failed or duplicate insert
 * rolls the increment back, so numbers stay gapless; the idempotency key is unique, so a retry returns
 * the registration it already made.
 *
 * Settings: `aoo` (the AOO code), `register` (the register code).
 */
export function createDatabaseProtocolRegister(db: Db, settings: { aoo: string; register: string }): ProtocolRegister {
  const { aoo, register } = settings;
  const existing = async (idempotencyKey: string) => {
    const row = await db.protocolRegistration.findUnique({ where: { idempotencyKey } });
    return row ? toRegistration(row) : undefined;
  };
  return {
    async register(request: RegistrationRequest): Promise<Registration> {
      const already = await existing(request.idempotencyKey);
      if (already) return already;
      const now = new Date();
      const year = yearInRome(now);
      try {
        const row = await db.$transaction(async (tx) => {
          const [counter] = await tx.$queryRaw<{ lastNumber: number }[]>`
            INSERT INTO "ProtocolCounter" ("aoo", "register", "year", "lastNumber") VALUES (${aoo}, ${register}, ${year}, 1)
            ON CONFLICT ("aoo", "register", "year") DO UPDATE SET "lastNumber" = "ProtocolCounter"."lastNumber" + 1
            RETURNING "lastNumber"`;
          return tx.protocolRegistration.create({
            data: {
              idempotencyKey: request.idempotencyKey,
              aoo,
              register,
              year,
              number: counter!.lastNumber,
              direction: request.direction,
              oggetto: request.oggetto,
              corrispondente: request.corrispondente,
              workflowId: request.workflowId,
              registeredAt: now,
            },
          });
        });
        return toRegistration(row);
      } catch (error) {
        // A concurrent request with the same key won the race: its registration is ours.
        const raced = await existing(request.idempotencyKey);
        if (raced) return raced;
        throw error;
      }
    },
  };
}
