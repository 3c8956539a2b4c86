import type { Db } from '../prisma/client';

/** How a protocol registration is shown: number, year, register and date. */
export async function protocolNumbers(db: Db, ids: (string | null)[]) {
  const rows = await db.protocolRegistration.findMany({ where: { id: { in: ids.filter((id): id is string => id !== null) } } });
  return new Map(rows.map((row) => [row.id, { numero: row.number, anno: row.year, registro: row.register, data: row.registeredAt.toISOString() }]));
}
