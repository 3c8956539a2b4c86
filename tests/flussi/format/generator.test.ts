import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  StatoUnita, generateEnteFlusso, nextSemesterFlusso, planRegionalStock, renderFlusso, writeFlusso, writeRegionalStock,
  type FlussoPatrimoniale,
} from '../../../scripts/generate-stock';
import { parseFlusso } from './read-flusso';
import { validateWithXmllint } from './xmllint';

const SMALL = { seed: 7, scale: 0.02 };

async function sha256Of(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of (await readdir(dir)).sort()) {
    hashes[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  }
  return hashes;
}

describe('stock generator: one ente, determinism, XML', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'push-stock-gen-')); });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when the same seed is used twice, then every file is byte-identical; another seed gives other files', async () => {
    await writeRegionalStock({ outDir: path.join(dir, 'a'), ...SMALL });
    await writeRegionalStock({ outDir: path.join(dir, 'b'), ...SMALL });
    await writeRegionalStock({ outDir: path.join(dir, 'c'), ...SMALL, seed: 8 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => sha256Of(path.join(dir, name))));
    expect(Object.keys(a ?? {}).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    expect(c?.['720000_2025-12-31.xml']).not.toBe(a?.['720000_2025-12-31.xml']);
  });

  it('when one ente is generated on its own, then it is the same flusso the regional run writes', async () => {
    const stock = await readFile(path.join(dir, 'a', '720000_2025-12-31.xml'), 'utf8');
    expect(renderFlusso(generateEnteFlusso('720000', SMALL))).toBe(stock);
  });

  it('when a small regional stock is written, then every file validates with xmllint', async () => {
    const out = path.join(dir, 'small');
    const summary = await writeRegionalStock({ outDir: out, ...SMALL, semesters: 2 });
    const files = summary.files.map((file) => path.join(out, file.file));
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((file) => file.endsWith('_2026-06-30.xml'))).toBe(true);
    const result = await validateWithXmllint(files);
    expect(result.output).not.toContain('fails to validate');
    expect(result.valid).toBe(true);
  });

  it('when a flusso is written and read back, then nothing is lost or changed', async () => {
    const flusso = generateEnteFlusso('075035', { seed: 3, unita: 300 });
    const file = path.join(dir, 'lecce.xml');
    const bytes = await writeFlusso(flusso, file);
    const xml = await readFile(file, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(xml));
    expect(parseFlusso(xml)).toEqual(flusso);
    expect(xml).not.toContain('<!DOCTYPE');
  });

  it('when written to a stream, then the stream gets the same bytes and stays open', async () => {
    const flusso = generateEnteFlusso('071024', { seed: 3, unita: 40 });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const bytes = await writeFlusso(flusso, out);
    expect(out.writableEnded).toBe(false);
    out.end();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(renderFlusso(flusso));
    expect(bytes).toBe(Buffer.concat(chunks).length);
  });

  it('when an address holds & < > " and an apostrophe, then the file is valid and reads back the same', async () => {
    const flusso = generateEnteFlusso('072006', { seed: 1, unita: 5 });
    const first = flusso.fabbricati[0];
    if (!first) throw new Error('no building generated');
    first.indirizzo = 'Via "Sant\'Anna" & <Largo> 3';
    const file = path.join(dir, 'escaped.xml');
    await writeFile(file, renderFlusso(flusso));
    expect((await validateWithXmllint([file])).valid).toBe(true);
    expect(parseFlusso(await readFile(file, 'utf8')).fabbricati[0]?.indirizzo).toBe(first.indirizzo);
  });

  it('when the plan gives a Comune no stock and no size is asked, then generation says to pass unita', () => {
    const smallPlan = new Set(planRegionalStock(SMALL).map((stock) => stock.codice));
    const withoutStock = ['071001', '071002', '071003', '071004', '071005'].find((istat) => !smallPlan.has(istat));
    expect(withoutStock).toBeDefined();
    expect(() => generateEnteFlusso(withoutStock ?? '', SMALL)).toThrow(/pass options.unita/);
  });

  it('when the reference date is not a 30/06 or 31/12, then generation refuses it', () => {
    expect(() => generateEnteFlusso('720000', { ...SMALL, dataRiferimento: '2025-11-30' })).toThrow(/30 June or a 31 December/);
  });
});

describe('stock generator: the next semester', () => {
  const first: FlussoPatrimoniale = generateEnteFlusso('720000', { seed: 11, unita: 4000 });
  const isOwned = (stato: StatoUnita): boolean => stato !== StatoUnita.ALIENATO && stato !== StatoUnita.DEMOLITO;

  it('when the next semester is generated, then every unit is still there and the sales fall in the semester', () => {
    const { flusso, changes } = nextSemesterFlusso(first, { seed: 11 });
    expect(flusso.dataRiferimento).toBe('2026-06-30');
    const next = new Map(flusso.unita.map((unit) => [unit.codice, unit]));
    for (const unit of first.unita) expect(next.has(unit.codice)).toBe(true);
    expect(changes.alienate.length).toBeGreaterThan(10);
    expect(changes.demolite.length).toBeGreaterThan(0);
    expect(changes.cambiStato.length).toBeGreaterThan(50);
    for (const codice of changes.alienate) {
      const sold = next.get(codice);
      expect(sold?.stato).toBe(StatoUnita.ALIENATO);
      expect(sold?.dataVendita && sold.dataVendita > '2025-12-31' && sold.dataVendita <= '2026-06-30').toBe(true);
    }
    // Units sold before stay sold, with their old date.
    for (const unit of first.unita.filter((u) => u.stato === StatoUnita.ALIENATO)) {
      expect(next.get(unit.codice)?.dataVendita).toBe(unit.dataVendita);
    }
    expect(new Set(flusso.unita.map((unit) => unit.codice)).size).toBe(flusso.unita.length);
  });

  it('when units are omitted on purpose, then exactly those owned units of the first flusso are missing', () => {
    const { flusso, changes } = nextSemesterFlusso(first, { seed: 11, omesse: 3 });
    expect(changes.omesse).toHaveLength(3);
    const next = new Set(flusso.unita.map((unit) => unit.codice));
    const missing = first.unita.filter((unit) => !next.has(unit.codice));
    expect(missing.map((unit) => unit.codice).sort()).toEqual([...changes.omesse].sort());
    for (const unit of missing) expect(isOwned(unit.stato)).toBe(true);
  });

  it('when the next semester is generated twice with the same seed, then it is the same, and the first is untouched', () => {
    const before = renderFlusso(first);
    expect(renderFlusso(nextSemesterFlusso(first, { seed: 5 }).flusso)).toBe(renderFlusso(nextSemesterFlusso(first, { seed: 5 }).flusso));
    expect(renderFlusso(first)).toBe(before);
  });

  it('when new buildings are completed in the semester, then their units and cadastral references are new', () => {
    const { flusso, changes } = nextSemesterFlusso(first, { seed: 2, nuoviFabbricati: 3 });
    expect(flusso.fabbricati).toHaveLength(first.fabbricati.length + 3);
    expect(changes.nuove.length).toBeGreaterThanOrEqual(18);
    expect(flusso.unita).toHaveLength(first.unita.length + changes.nuove.length);
    const comuneOf = new Map(flusso.fabbricati.map((f) => [f.codice, f.comuneIstat]));
    const triples = flusso.unita.map((u) => `${comuneOf.get(u.fabbricato)} ${u.catasto.foglio}/${u.catasto.particella}/${u.catasto.subalterno}`);
    expect(new Set(triples).size).toBe(triples.length);
    for (const unit of flusso.unita) expect(comuneOf.has(unit.fabbricato)).toBe(true);
  });
});
