import { createDb, type Db } from '../../../prisma/client';
import { importIpa, parseIpaEnti, planIpaUpdates } from '../../../scripts/import-ipa';
import { loadReferenceData } from '../../../prisma/seed/reference-data';
import { createFreshDatabase, type FreshDatabase } from '../../support/fresh-database';
import { ipaCsv } from './ipa-fixture';

describe('parsing the IPA "Enti" file', () => {
  const parsed = parseIpaEnti(ipaCsv());

  it('when the file has Comuni, consortia and other categories, then only the Comuni with a valid codice fiscale are kept', () => {
    expect(parsed.rowsRead).toBe(7);
    expect(parsed.comuni.map((comune) => [comune.istat, comune.codiceIpa, comune.codiceFiscale])).toEqual([
      ['015146', 'c_f205', '01199250158'],
      ['072004', 'c_a225', '82002590725'],
      ['072006', 'c_a662', '80015010723'],
      ['075035', 'c_e506', '80008510754'],
    ]);
  });

  it('when a Comune has several mailboxes, then its PEC is the first one of type "Pec"', () => {
    const pecs = Object.fromEntries(parsed.comuni.map((comune) => [comune.istat, comune.pec]));
    expect(pecs).toEqual({
      '015146': 'protocollo@postacert.comune.milano.example',
      '072004': null,
      '072006': 'protocollo@pec.comune.bari.example',
      '075035': 'protocollo@pec.comune.lecce.example',
    });
  });

  it('when a Comune\'s codice fiscale fails the checksum, then it is skipped with a warning naming it', () => {
    expect(parsed.warnings).toEqual([
      { istat: '071024', message: expect.stringMatching(/c_d643.*00363460719.*checksum/) },
    ]);
  });

  it('when the file is separated by semicolons, then it parses to the same result', () => {
    expect(parseIpaEnti(ipaCsv(undefined, ';'))).toEqual(parsed);
  });

  it('when a required column is missing, then the file is refused', () => {
    expect(() => parseIpaEnti('Codice_IPA,Denominazione_ente\nc_a662,Comune di Bari\n')).toThrow(/Codice_fiscale_ente/);
  });

  it('when planning against the platform\'s Comuni, then IPA sets the codice fiscale and never erases a PEC', () => {
    const plan = planIpaUpdates(parsed.comuni, [
      { id: 'a', codice: '072004', istatComune: '072004', codiceFiscale: null, pec: 'kept@pec.example' },
      { id: 'b', codice: '075035', istatComune: '075035', codiceFiscale: '80008510754', pec: 'protocollo@pec.comune.lecce.example' },
      { id: 'c', codice: '071024', istatComune: '071024', codiceFiscale: null, pec: null },
    ]);
    expect(plan.updates.map((update) => [update.codice, update.after])).toEqual([
      ['072004', { codiceFiscale: '82002590725', pec: 'kept@pec.example' }],
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.missingInFile).toEqual(['071024']);
  });
});

describe('importing the IPA file into the platform', () => {
  let database: FreshDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createFreshDatabase();
    db = createDb(database.url, 2);
    await loadReferenceData(db);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const comuniWithCodiceFiscale = () =>
    db.ente.findMany({
      where: { tipo: 'COMUNE', codiceFiscale: { not: null } },
      select: { codice: true, codiceFiscale: true, pec: true },
      orderBy: { codice: 'asc' },
    });

  it('when imported, then only the matching Puglia Comuni with a valid codice fiscale are updated, each with an audit event', async () => {
    const summary = await importIpa(db, ipaCsv());

    expect(summary).toMatchObject({ rowsRead: 7, comuniInFile: 4, updated: 3, unchanged: 0 });
    expect(summary.missingInFile).toHaveLength(257 - 3);
    expect(summary.missingInFile).toContain('071024');
    // Milano's warnings would be dropped; Foggia's is about a Comune of the platform, so it stays.
    expect(summary.warnings.map((warning) => warning.istat)).toEqual(['071024']);
    expect(await comuniWithCodiceFiscale()).toEqual([
      { codice: '072004', codiceFiscale: '82002590725', pec: null },
      { codice: '072006', codiceFiscale: '80015010723', pec: 'protocollo@pec.comune.bari.example' },
      { codice: '075035', codiceFiscale: '80008510754', pec: 'protocollo@pec.comune.lecce.example' },
    ]);
    const regione = await db.ente.findUniqueOrThrow({ where: { codice: 'REGIONE-PUGLIA' } });
    expect([regione.codiceFiscale, regione.pec]).toEqual(['80017210727', null]);
    expect(await db.auditEvent.count({ where: { azione: 'ENTE_AGGIORNATO_DA_IPA' } })).toBe(3);
  });

  it('when imported a second time, then nothing changes', async () => {
    const summary = await importIpa(db, ipaCsv());

    expect(summary).toMatchObject({ updated: 0, unchanged: 3 });
    expect(await db.auditEvent.count({ where: { azione: 'ENTE_AGGIORNATO_DA_IPA' } })).toBe(3);
  });

  it('when the reference data is loaded again after the import, then the imported codici fiscali and PECs are kept', async () => {
    const before = await comuniWithCodiceFiscale();

    await loadReferenceData(db);

    expect(await comuniWithCodiceFiscale()).toEqual(before);
  });
});
