import type { Db } from '../client';
import { EnteTipo, type Prisma } from '../generated/client';
import { syncAmbiti } from './ambiti';
import { DEMO_USERS, type DemoUserKey } from './demo-users';
import {
  ARCA_CODES, type ArcaCodice, DEMO_COMUNI, type EnteSeed, REGIONE_PUGLIA, enteSeeds,
} from './enti';

export { AMBITI, AMBITO_LECCE } from './ambiti';
export { DEMO_USERS, type DemoUser, type DemoRole, type DemoUserKey } from './demo-users';
export * from './enti';

type Tx = Prisma.TransactionClient;

/** Ids of the reference rows that tests and demo tooling need. */
export interface ReferenceData {
  regioneId: string;
  arcaIds: Record<ArcaCodice, string>;
  /** Ids of the demo Comuni (Bari, Lecce, Foggia) by ISTAT code. */
  demoComuneIds: Record<(typeof DEMO_COMUNI)[number], string>;
  /** How many Comuni of Puglia the reference data holds. */
  comuniCount: number;
  users: Record<DemoUserKey, string>;
}

/** Serialises concurrent seeds (e.g. two platform processes starting together). */
const SEED_LOCK_KEY = 724_000_002;

/** Columns the seed owns and rewrites when the reference data changes (e.g. a renamed Comune). */
const REGISTRY_FIELDS = [
  'tipo', 'denominazione', 'istatComune', 'provincia', 'siglaProvincia', 'codiceCatastale', 'abitanti',
] as const satisfies readonly (keyof EnteSeed)[];

type EnteRow = Pick<EnteSeed, (typeof REGISTRY_FIELDS)[number] | 'codice' | 'codiceFiscale'> & { id: string };

/**
 * What must change in an existing ente to match its seed. The codice fiscale is only filled when
 * missing, and the PEC and the stato are never touched: the IPA import and the platform own them.
 * A null in the seed means "not known here", never "erase".
 */
function registryPatch(row: EnteRow, seed: EnteSeed): Prisma.EnteUpdateInput | null {
  const patch: Prisma.EnteUpdateInput = {};
  let changed = false;
  for (const field of REGISTRY_FIELDS) {
    const wanted = seed[field];
    if (wanted !== null && row[field] !== wanted) {
      Object.assign(patch, { [field]: wanted });
      changed = true;
    }
  }
  if (row.codiceFiscale === null && seed.codiceFiscale !== null) {
    patch.codiceFiscale = seed.codiceFiscale;
    changed = true;
  }
  return changed ? patch : null;
}

/** Creates the missing enti in one statement and patches the existing ones that differ; returns ids by codice. */
async function syncEnti(tx: Tx, seeds: readonly EnteSeed[]): Promise<Map<string, string>> {
  const codes = seeds.map((seed) => seed.codice);
  const existing: EnteRow[] = await tx.ente.findMany({
    where: { codice: { in: codes } },
    select: {
      id: true, codice: true, codiceFiscale: true, tipo: true, denominazione: true,
      istatComune: true, provincia: true, siglaProvincia: true, codiceCatastale: true, abitanti: true,
    },
  });
  const byCodice = new Map(existing.map((row) => [row.codice, row]));
  await tx.ente.createMany({
    data: seeds.filter((seed) => !byCodice.has(seed.codice)),
    skipDuplicates: true,
  });
  for (const seed of seeds) {
    const row = byCodice.get(seed.codice);
    const patch = row && registryPatch(row, seed);
    if (row && patch) await tx.ente.update({ where: { id: row.id }, data: patch });
  }
  const ids = await tx.ente.findMany({ where: { codice: { in: codes } }, select: { id: true, codice: true } });
  return new Map(ids.map((row) => [row.codice, row.id]));
}

/** Upserts the demo users and adds each demo role they do not already hold (unrevoked). */
async function syncDemoUsers(tx: Tx, enteIds: Map<string, string>): Promise<Record<DemoUserKey, string>> {
  const users = {} as Record<DemoUserKey, string>;
  for (const demo of DEMO_USERS) {
    const person = { nome: demo.nome, cognome: demo.cognome, email: demo.email };
    const user = await tx.user.upsert({
      where: { codiceFiscale: demo.codiceFiscale },
      create: { codiceFiscale: demo.codiceFiscale, ...person },
      update: person,
      select: { id: true },
    });
    users[demo.key] = user.id;
  }
  const active = await tx.roleAssignment.findMany({
    where: { userId: { in: Object.values(users) }, revokedAt: null },
    select: { userId: true, enteId: true, ruolo: true, area: true },
  });
  const held = new Set(active.map((role) => `${role.userId}|${role.enteId}|${role.ruolo}|${role.area}`));
  const missing: Prisma.RoleAssignmentCreateManyInput[] = [];
  for (const demo of DEMO_USERS) {
    for (const role of demo.roles) {
      const enteId = requireId(enteIds, role.enteCodice);
      const userId = users[demo.key];
      if (!held.has(`${userId}|${enteId}|${role.ruolo}|${role.area}`)) {
        missing.push({ userId, enteId, ruolo: role.ruolo, area: role.area });
      }
    }
  }
  await tx.roleAssignment.createMany({ data: missing });
  return users;
}

function requireId(ids: Map<string, string>, codice: string): string {
  const id = ids.get(codice);
  if (id === undefined) throw new Error(`Reference ente ${codice} is missing after seeding`);
  return id;
}

/**
 * Loads the reference data: Regione Puglia, the five ARCA, every Comune of Puglia, the demo users
 * with their roles and the demo ambito. Idempotent: a second run changes nothing, and it never overwrites a codice
 * fiscale or PEC set by the IPA import, nor a stato changed by accreditation. One transaction, so a
 * failure leaves nothing half-loaded.
 */
export async function loadReferenceData(db: Db): Promise<ReferenceData> {
  const seeds = enteSeeds();
  return db.$transaction(
    async (tx) => {
      // A constant key, no user input: the unsafe variant only avoids typing the bigint parameter.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      const enteIds = await syncEnti(tx, seeds);
      const users = await syncDemoUsers(tx, enteIds);
      await syncAmbiti(tx, enteIds);
      const arcaIds = Object.fromEntries(ARCA_CODES.map((code) => [code, requireId(enteIds, code)]));
      const demoComuneIds = Object.fromEntries(DEMO_COMUNI.map((code) => [code, requireId(enteIds, code)]));
      return {
        regioneId: requireId(enteIds, REGIONE_PUGLIA),
        arcaIds: arcaIds as ReferenceData['arcaIds'],
        demoComuneIds: demoComuneIds as ReferenceData['demoComuneIds'],
        comuniCount: seeds.filter((seed) => seed.tipo === EnteTipo.COMUNE && enteIds.has(seed.codice)).length,
        users,
      };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
