// What the building page says changed between snapshots: pure code over buildingHistory's entries.
import { buildingChanges, type BuildingHistory } from '../../../activities/stock';

type Entry = BuildingHistory['history'][number];
type Unit = Entry['units'][number];

const building = { codice: 'E1', indirizzo: 'Via Roma 1', istatComune: '072006', latitudine: 41.1, longitudine: 16.8, annoCostruzione: 1970, piani: 4, statoConservazione: 'BUONO' };
const unit = (codice: string, changes: Partial<Unit> = {}): Unit => ({
  codice, stato: 'LOCATO', uso: 'SAP', superficie: 70, dataVendita: null, canoneMensile: '120.00', ...changes,
});
const entry = (dataRiferimento: string, units: Unit[], changes: Partial<Entry['building']> = {}): Entry => ({
  snapshotId: `s-${dataRiferimento}`, dataRiferimento, tipo: 'FLUSSO', building: { ...building, ...changes }, units,
});

describe('buildingChanges', () => {
  it('when a building has one snapshot, then its entry has nothing to compare with', () => {
    expect(buildingChanges([entry('2025-12-31', [unit('A'), unit('B')])])).toEqual([
      { snapshotId: 's-2025-12-31', dataRiferimento: '2025-12-31', tipo: 'FLUSSO', unita: 2, precedente: null, edificio: [], aggiunte: [], rimosse: [], variazioni: [] },
    ]);
  });

  it('when units are sold, added or removed and the building is repaired, then each change is listed against the previous snapshot', () => {
    const history = [
      entry('2025-06-30', [unit('A'), unit('B'), unit('C')]),
      entry('2025-12-31', [unit('A', { stato: 'ALIENATO', dataVendita: '2025-09-01', canoneMensile: null }), unit('B'), unit('D')], { statoConservazione: 'MEDIOCRE' }),
      entry('2026-06-30', [unit('A', { stato: 'ALIENATO', dataVendita: '2025-09-01', canoneMensile: null }), unit('B'), unit('D')], { statoConservazione: 'MEDIOCRE' }),
    ];
    const [, second, third] = buildingChanges(history);
    expect(second).toMatchObject({
      precedente: '2025-06-30',
      unita: 3,
      edificio: [{ campo: 'statoConservazione', prima: 'BUONO', dopo: 'MEDIOCRE' }],
      aggiunte: ['D'],
      rimosse: ['C'],
      variazioni: [
        { codice: 'A', campo: 'stato', prima: 'LOCATO', dopo: 'ALIENATO' },
        { codice: 'A', campo: 'canoneMensile', prima: '120.00', dopo: null },
        { codice: 'A', campo: 'dataVendita', prima: null, dopo: '2025-09-01' },
      ],
    });
    expect(third).toMatchObject({ precedente: '2025-12-31', edificio: [], aggiunte: [], rimosse: [], variazioni: [] });
  });
});
