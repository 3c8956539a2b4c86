// Demo enti lent a PEC address for one test file, and given back as they were: other files expect the demo
// enti as seeded (Bari, for one, without an address), and the run shares one database.
import type { Db } from '../../prisma/client';

/** Sets each ente's PEC address; the function returned puts back the addresses they had. */
export async function lendPecAddresses(db: Db, addresses: Readonly<Record<string, string>>): Promise<() => Promise<void>> {
  const before = await db.ente.findMany({ where: { id: { in: Object.keys(addresses) } }, select: { id: true, pec: true } });
  for (const [id, pec] of Object.entries(addresses)) await db.ente.update({ where: { id }, data: { pec } });
  return async () => {
    for (const ente of before) await db.ente.update({ where: { id: ente.id }, data: { pec: ente.pec } });
  };
}
