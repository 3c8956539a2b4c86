// Morosità incolpevole on the database: the call reaches only the ATA Comuni and those over 10,000
// inhabitants (reference data), and its riparto splits 10 % of the fund by what each Comune spent and
// reported on the earlier calls of the same kind (a rent-fund report does not count), 90 % by need.
import { randomUUID } from 'node:crypto';
import { ripartoDelBando } from '../../../activities/fondo-affitti/riparto-del-bando';
import { COMUNE_BARI, COMUNE_LECCE } from '../../../prisma/seed/enti';
import { FASCE_DEFAULTS, type TipoBando } from '../../../workflows/shared/fondo-affitti/bando';
import { domandaFondoWorkflowId, PARAMETRI_PREDEFINITI, QUOTA_SPESA_RENDICONTATA } from '../../../workflows/shared/fondo-affitti/procedura';
import { startTestPlatform, type TestPlatform } from '../../support/platform';

describe('Morosità incolpevole', () => {
  let platform: TestPlatform;
  // Years of this run's own: one call per kind and year.
  const anno = 3000 + Math.floor(Math.random() * 900);

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform.close();
  });

  const bando = async (tipo: TipoBando, year: number, importo: string) => {
    const id = randomUUID();
    await platform.db.bandoFondo.create({
      data: {
        id, workflowId: `test-morosita-${id}`, tipo, anno: year, titolo: `Bando ${tipo} ${year}`, apertura: new Date(), scadenza: new Date(),
        parametri: { ...PARAMETRI_PREDEFINITI(FASCE_DEFAULTS), quotaSpesaRendicontata: QUOTA_SPESA_RENDICONTATA } as object, sollecitiGiorni: [],
        createdById: platform.ref.users['regione.istruttore'], stato: 'ISTRUTTORIA',
        fonti: { create: [{ riferimento: `DM ${year}`, importo, quota: 'ORDINARIA' }] },
      },
    });
    return id;
  };
  const domanda = (bandoId: string, enteId: string, data: Record<string, unknown>) =>
    platform.db.domandaFondo.create({ data: { bandoId, enteId, workflowId: domandaFondoWorkflowId(bandoId, enteId), ...data } });

  it('when a Morosità incolpevole call opens, then it reaches the ATA Comuni and those over 10,000 inhabitants, and a rent-fund call every active Comune', async () => {
    // A small Comune, not ATA, accredited for this test (the demo Comuni are all provincial capitals), and a large one.
    const [piccolo, grande] = await Promise.all([
      platform.db.ente.findFirstOrThrow({ where: { tipo: 'COMUNE', stato: 'NON_ACCREDITATO', ata: false, abitanti: { lte: 10_000 } }, orderBy: { denominazione: 'asc' } }),
      platform.db.ente.findFirstOrThrow({ where: { tipo: 'COMUNE', stato: 'NON_ACCREDITATO', ata: false, abitanti: { gt: 10_000 } }, orderBy: { denominazione: 'asc' } }),
    ]);
    const accredited = [piccolo.id, grande.id];
    await platform.db.ente.updateMany({ where: { id: { in: accredited } }, data: { stato: 'ATTIVO' } });
    try {
      const attivi = await platform.db.ente.findMany({ where: { tipo: 'COMUNE', stato: 'ATTIVO' }, select: { id: true } });
      const morosita = await bando('MOROSITA_INCOLPEVOLE', anno + 50, '1000.00');
      const fondo = await bando('FONDO_AFFITTI', anno + 50, '1000.00');
      const { activities } = platform.adapters;
      const raggiunti = (await activities.comuniDelBando({ bandoId: morosita })).map((comune) => comune.enteId);
      expect(raggiunti).toContain(grande.id);
      expect(raggiunti).toContain(platform.ref.demoComuneIds[COMUNE_BARI]);
      expect(raggiunti).not.toContain(piccolo.id);
      expect((await activities.comuniDelBando({ bandoId: fondo })).map((comune) => comune.enteId).sort()).toEqual(attivi.map((ente) => ente.id).sort());
    } finally {
      await platform.db.ente.updateMany({ where: { id: { in: accredited } }, data: { stato: 'NON_ACCREDITATO' } });
    }
  });

  it('when the riparto is computed, then 10 % goes by the spending reported on earlier calls of the kind and 90 % by need', async () => {
    const [bari, lecce] = [platform.ref.demoComuneIds[COMUNE_BARI], platform.ref.demoComuneIds[COMUNE_LECCE]];
    // Earlier calls: Bari reported 4.000,00 € on a Morosità call (approved) and 500,00 € on one not approved;
    // Lecce reported only on a rent-fund call, which does not count here.
    await domanda(await bando('MOROSITA_INCOLPEVOLE', anno - 1, '5000.00'), bari, { stato: 'RENDICONTATA', pagatoA: '3000.00', pagatoB: '1000.00' });
    await domanda(await bando('MOROSITA_INCOLPEVOLE', anno - 2, '5000.00'), bari, { stato: 'RENDICONTAZIONE_MANCATA', pagatoA: '500.00', pagatoB: '0.00' });
    await domanda(await bando('FONDO_AFFITTI', anno - 1, '5000.00'), lecce, { stato: 'RENDICONTATA', pagatoA: '9000.00', pagatoB: '0.00' });
    // This year: 10.000,00 € among Bari (need 6.000,00, its share assigned) and Lecce (need 6.000,00, admitted).
    const bandoId = await bando('MOROSITA_INCOLPEVOLE', anno, '10000.00');
    await domanda(bandoId, bari, { stato: 'QUOTA_ASSEGNATA', fabbisognoA: '6000.00', fabbisognoB: '0.00', cofinanziamento: '0.00' });
    await domanda(bandoId, lecce, { stato: 'AMMESSA', fabbisognoA: '6000.00', fabbisognoB: '0.00', cofinanziamento: '0.00' });

    const { riparto } = await ripartoDelBando(platform.db, bandoId);
    const riga = (enteId: string) => riparto.quote.find((quota) => quota.enteId === enteId)!;
    // 9.000,00 by need (4.500,00 each), 1.000,00 by spending to Bari alone; Lecce (ATA, no co-funding) is not penalised.
    expect([riga(bari).ordinariaCents, riga(bari).premialeCents, riga(bari).spesaRendicontataCents, riga(bari).totaleCents]).toEqual([450_000, 100_000, 400_000, 550_000]);
    expect([riga(lecce).ordinariaCents, riga(lecce).premialeCents, riga(lecce).penalitaCents, riga(lecce).totaleCents]).toEqual([450_000, 0, 0, 450_000]);
    expect(riparto.assegnatoCents).toBe(1_000_000);
  });
});
