import { createDb, type Db } from '../../../prisma/client';
import {
  ARCA_PUGLIA_CENTRALE, COMUNE_BARI, DEMO_USERS, REGIONE_PUGLIA, type ReferenceData, loadReferenceData,
} from '../../../prisma/seed/reference-data';
import { createFreshDatabase, type FreshDatabase } from '../../support/fresh-database';

/** Everything the seed writes, in a form two runs can be compared by. */
async function snapshot(db: Db) {
  const [enti, users, roles] = await Promise.all([
    db.ente.findMany({ orderBy: { codice: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    db.user.findMany({ orderBy: { codiceFiscale: 'asc' }, omit: { createdAt: true } }),
    db.roleAssignment.findMany({ orderBy: { id: 'asc' }, omit: { createdAt: true } }),
  ]);
  return { enti, users, roles };
}

describe('loading the reference data', () => {
  let database: FreshDatabase;
  let db: Db;
  let first: ReferenceData;

  beforeAll(async () => {
    database = await createFreshDatabase();
    db = createDb(database.url, 2);
    first = await loadReferenceData(db);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('when loaded into an empty database, then it holds the Region, the five ARCA and the 257 Comuni', async () => {
    expect(first.comuniCount).toBe(257);
    expect(await db.ente.groupBy({ by: ['tipo'], _count: true, orderBy: { tipo: 'asc' } })).toEqual([
      { tipo: 'REGIONE', _count: 1 },
      { tipo: 'COMUNE', _count: 257 },
      { tipo: 'ARCA', _count: 5 },
    ]);
    const regione = await db.ente.findUniqueOrThrow({ where: { id: first.regioneId } });
    expect(regione).toMatchObject({
      codice: REGIONE_PUGLIA, tipo: 'REGIONE', denominazione: 'Regione Puglia – Sezione Politiche Abitative',
      codiceFiscale: '80017210727', stato: 'ATTIVO',
    });
  });

  it('when loaded, then a Comune carries its ISTAT data and no codice fiscale', async () => {
    expect(await db.ente.findUniqueOrThrow({ where: { codice: '110001' } })).toMatchObject({
      tipo: 'COMUNE', denominazione: 'Comune di Andria', istatComune: '110001', provincia: 'Barletta-Andria-Trani',
      siglaProvincia: 'BT', codiceCatastale: 'A285', codiceFiscale: null, pec: null, stato: 'NON_ACCREDITATO',
    });
  });

  it('when loaded, then only the demo Comuni and ARCA Puglia Centrale are active besides the Region', async () => {
    const attivi = await db.ente.findMany({ where: { stato: 'ATTIVO' }, select: { codice: true }, orderBy: { codice: 'asc' } });
    expect(attivi.map((ente) => ente.codice)).toEqual(['071024', '072006', '075035', '720000', 'REGIONE-PUGLIA']);
    expect(await db.ente.findUniqueOrThrow({ where: { id: first.arcaIds['730000'] } })).toMatchObject({
      denominazione: 'ARCA Jonica', tipo: 'ARCA', provincia: 'Taranto', siglaProvincia: 'TA',
    });
  });

  it('when loaded, then every demo user holds exactly the roles DEMO_USERS lists', async () => {
    for (const demo of DEMO_USERS) {
      const user = await db.user.findUniqueOrThrow({
        where: { codiceFiscale: demo.codiceFiscale },
        include: { roles: { include: { ente: true }, where: { revokedAt: null } } },
      });
      expect(user.id).toBe(first.users[demo.key]);
      const held = user.roles.map((role) => ({ enteCodice: role.ente.codice, ruolo: role.ruolo, area: role.area }));
      expect(held).toEqual(expect.arrayContaining([...demo.roles]));
      expect(held).toHaveLength(demo.roles.length);
    }
  });

  it('when loaded a second time, then nothing is duplicated or changed and the same ids come back', async () => {
    const before = await snapshot(db);

    const second = await loadReferenceData(db);

    expect(second).toEqual(first);
    expect(await snapshot(db)).toEqual(before);
  });

  it('when an ente was given a codice fiscale, a PEC and accreditation, then reloading keeps them', async () => {
    await db.ente.update({
      where: { codice: '072004' },
      data: { codiceFiscale: '82002590725', pec: 'protocollo@pec.comune.altamura.example', stato: 'ATTIVO' },
    });
    await db.ente.update({ where: { codice: ARCA_PUGLIA_CENTRALE }, data: { stato: 'SOSPESO' } });

    await loadReferenceData(db);

    expect(await db.ente.findUniqueOrThrow({ where: { codice: '072004' } })).toMatchObject({
      codiceFiscale: '82002590725', pec: 'protocollo@pec.comune.altamura.example', stato: 'ATTIVO',
    });
    expect((await db.ente.findUniqueOrThrow({ where: { codice: ARCA_PUGLIA_CENTRALE } })).stato).toBe('SOSPESO');
  });

  it('when a Comune\'s registry data was altered, then reloading restores it from the ISTAT data', async () => {
    await db.ente.update({ where: { codice: COMUNE_BARI }, data: { denominazione: 'Bari (vecchio nome)', siglaProvincia: 'XX' } });

    await loadReferenceData(db);

    expect(await db.ente.findUniqueOrThrow({ where: { codice: COMUNE_BARI } })).toMatchObject({
      denominazione: 'Comune di Bari', siglaProvincia: 'BA', stato: 'ATTIVO',
    });
  });

  it('when two loads run at the same time, then they do not create duplicates', async () => {
    const other = createDb(database.url, 2);
    try {
      await Promise.all([loadReferenceData(db), loadReferenceData(other)]);
    } finally {
      await other.$disconnect();
    }
    expect(await db.ente.count()).toBe(263);
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    expect(await db.roleAssignment.count()).toBe(DEMO_USERS.reduce((sum, user) => sum + user.roles.length, 0));
  });
});

describe('demo users', () => {
  it('when listed, then keys and codici fiscali are unique', () => {
    expect(new Set(DEMO_USERS.map((user) => user.key)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((user) => user.codiceFiscale)).size).toBe(DEMO_USERS.length);
  });
});
