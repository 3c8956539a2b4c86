import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ARCA, ARCA_UNITS_TOTAL, COMUNI_UNITS_TOTAL, STATE_MIX, StatoUnita, planRegionalStock, writeRegionalStock,
  type FlussoPatrimoniale, type RegionalStockSummary,
} from '../../../scripts/generate-stock';
import { loadComuniPuglia } from '../../../prisma/seed/comuni-puglia';
import { parseFlusso } from './read-flusso';
import { validateWithXmllint } from './xmllint';

// The full regional stock at scale 1, written once and read back from the files for every check.
describe('stock generator: the full regional stock', () => {
  let dir: string;
  let summary: RegionalStockSummary;
  let millis: number;
  let flussi: FlussoPatrimoniale[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-stock-full-'));
    const started = performance.now();
    summary = await writeRegionalStock({ outDir: dir, seed: 1 });
    millis = performance.now() - started;
    flussi = await Promise.all(summary.files.map(async (file) => parseFlusso(await readFile(path.join(dir, file.file), 'utf8'))));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when planned at scale 1, then ~70,000 units: 64,432 from the five ARCA (~92%) and 5,497 from 120 Comuni', () => {
    const plan = planRegionalStock({ seed: 1 });
    const arca = plan.filter((stock) => stock.tipo === 'ARCA');
    const comuni = plan.filter((stock) => stock.tipo === 'COMUNE');
    expect(arca.map((stock) => stock.codice)).toEqual(ARCA.map((a) => a.codice));
    expect(arca.reduce((sum, stock) => sum + stock.unita, 0)).toBe(ARCA_UNITS_TOTAL);
    expect(comuni.reduce((sum, stock) => sum + stock.unita, 0)).toBe(COMUNI_UNITS_TOTAL);
    expect(comuni).toHaveLength(120);
    expect(ARCA_UNITS_TOTAL / (ARCA_UNITS_TOTAL + COMUNI_UNITS_TOTAL)).toBeCloseTo(0.92, 2);
    for (const stock of comuni) {
      expect(stock.unita).toBeGreaterThanOrEqual(4);
      expect(stock.unita).toBeLessThanOrEqual(400);
    }
    // Proportional to population: ARCA Puglia Centrale (Bari + BAT, ~1.6 M people) holds ~40%.
    expect(arca.find((stock) => stock.codice === '720000')?.unita).toBeGreaterThan(24_000);
  });

  it('when written, then there is one file per ente with the planned units, and the totals add up', () => {
    expect(summary.files).toHaveLength(125);
    expect(summary.unita).toBe(ARCA_UNITS_TOTAL + COMUNI_UNITS_TOTAL);
    expect(flussi.reduce((sum, flusso) => sum + flusso.unita.length, 0)).toBe(summary.unita);
    expect(summary.bytes).toBeGreaterThan(10_000_000);
  });

  it('when written, then it takes a few seconds, not minutes', () => {
    expect(millis).toBeLessThan(20_000);
  });

  it('when every file is validated with xmllint, then all are valid, the full-size ARCA files included', async () => {
    const largest = summary.files.reduce((max, file) => (file.unita > max.unita ? file : max));
    expect(largest.ente).toBe('720000');
    expect(largest.unita).toBeGreaterThan(20_000);
    const result = await validateWithXmllint(summary.files.map((file) => path.join(dir, file.file)));
    expect(result.output).not.toContain('fails to validate');
    expect(result.valid).toBe(true);
  });

  // The checks below collect what breaks a rule and expect none: 70,000 expect() calls would be slow, and
  // a list of offending units says more than the first failure.

  it('when read back, then unit and building codes are unique per flusso and units carry the ente code', () => {
    const problems: string[] = [];
    for (const flusso of flussi) {
      const codes = flusso.unita.map((unit) => unit.codice);
      if (new Set(codes).size !== codes.length) problems.push(`${flusso.ente.codice}: duplicate unit codes`);
      if (new Set(flusso.fabbricati.map((f) => f.codice)).size !== flusso.fabbricati.length) problems.push(`${flusso.ente.codice}: duplicate building codes`);
      problems.push(...codes.filter((code) => !code.startsWith(`${flusso.ente.codice}-`)));
    }
    expect(problems).toEqual([]);
  });

  it('when read back, then every ALIENATO unit has a sale date between 1994 and the reference date, and only they do', () => {
    const units = flussi.flatMap((flusso) => flusso.unita.map((unit) => ({ ...unit, dataRiferimento: flusso.dataRiferimento })));
    const sold = units.filter((unit) => unit.stato === StatoUnita.ALIENATO);
    expect(sold.length).toBeGreaterThan(3000);
    expect(sold.filter((unit) => !(unit.dataVendita && /^\d{4}-\d{2}-\d{2}$/.test(unit.dataVendita)
      && unit.dataVendita >= '1994-01-01' && unit.dataVendita <= unit.dataRiferimento))).toEqual([]);
    expect(units.filter((unit) => unit.stato !== StatoUnita.ALIENATO && unit.dataVendita !== undefined)).toEqual([]);
  });

  it('when read back, then the states follow the regional mix to the per cent and rents are 40–350 € for LOCATO units', () => {
    const units = flussi.flatMap((flusso) => flusso.unita);
    for (const [stato, percent] of STATE_MIX) {
      const share = (100 * units.filter((unit) => unit.stato === stato).length) / units.length;
      expect({ stato, share: Math.round(share) }).toEqual({ stato, share: percent });
    }
    const locati = units.filter((unit) => unit.stato === StatoUnita.LOCATO);
    expect(locati.filter((unit) => unit.canoneMensile === undefined || unit.canoneMensile < 40 || unit.canoneMensile > 350)).toEqual([]);
    expect(units.filter((unit) => unit.stato !== StatoUnita.LOCATO && unit.canoneMensile !== undefined)).toEqual([]);
    const sas = units.filter((unit) => unit.uso === 'SAS').length / units.length;
    expect(sas).toBeGreaterThan(0.03);
    expect(sas).toBeLessThan(0.15);
  });

  it('when read back, then buildings hold 4–40 units in a Comune of the ente, dated 1950–2015, placed in Puglia', () => {
    const istat = new Map(loadComuniPuglia().map((comune) => [comune.istat, comune]));
    const problems: string[] = [];
    for (const flusso of flussi) {
      const perBuilding = new Map<string, number>();
      for (const unit of flusso.unita) perBuilding.set(unit.fabbricato, (perBuilding.get(unit.fabbricato) ?? 0) + 1);
      if (perBuilding.size !== flusso.fabbricati.length) problems.push(`${flusso.ente.codice}: units in unknown buildings`);
      const arca = ARCA.find((a) => a.codice === flusso.ente.codice);
      for (const b of flusso.fabbricati) {
        const where = `${flusso.ente.codice} ${b.codice}`;
        const count = perBuilding.get(b.codice) ?? 0;
        const comune = istat.get(b.comuneIstat);
        if (count < 4 || count > 40) problems.push(`${where}: ${count} units`);
        if (!comune) problems.push(`${where}: unknown Comune ${b.comuneIstat}`);
        else if (arca ? !arca.province.includes(comune.siglaProvincia) : b.comuneIstat !== flusso.ente.codice) problems.push(`${where}: Comune ${b.comuneIstat} not the ente's`);
        if (b.annoCostruzione !== undefined && (b.annoCostruzione < 1950 || b.annoCostruzione > 2015)) problems.push(`${where}: built ${b.annoCostruzione}`);
        if (b.latitudine !== undefined && !(b.latitudine > 39.7 && b.latitudine < 42.2 && b.longitudine! > 14.9 && b.longitudine! < 18.6)) {
          problems.push(`${where}: at ${b.latitudine}, ${b.longitudine}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('when read back, then no two units in the same Comune share foglio, particella and subalterno, across all enti', () => {
    const seen = new Set<string>();
    for (const flusso of flussi) {
      const comuneOf = new Map(flusso.fabbricati.map((f) => [f.codice, f.comuneIstat]));
      for (const unit of flusso.unita) seen.add(`${comuneOf.get(unit.fabbricato)} ${unit.catasto.foglio}/${unit.catasto.particella}/${unit.catasto.subalterno}`);
    }
    expect(seen.size).toBe(summary.unita);
  });
});
