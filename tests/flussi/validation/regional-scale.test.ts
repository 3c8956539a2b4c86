// The whole regional stock in one flusso (~70,000 units), validated against the last official snapshot
// of the same size: it must find the few problems planted in it, at their lines. Time and memory are
// printed, not asserted (the benchmarks measure speed; a shared CI machine is no stopwatch).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REGOLA, validateFlusso } from '../../../activities/flussi/validation';
import type { PreviousSnapshot } from '../../../activities/flussi/validation';

const ENTE = '720000';
const DATA = '2025-12-31';
const UNITS = 70_000;
const UNITS_PER_BUILDING = 10;
const COMUNI = ['072006', '072004', '072029', '072033', '072035', '073027', '074001', '075035', '071024', '071051'];
const STATI = ['LOCATO', 'LOCATO', 'LOCATO', 'LOCATO', 'LOCATO', 'LOCATO', 'LIBERO', 'SFITTO_CARENZE_MANUTENTIVE', 'SFITTO_RISTRUTTURAZIONE', 'OCCUPATO_SENZA_TITOLO', 'ALIENATO'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'push-flusso-regional-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Planted {
  file: string;
  /** Line of the second unit with the code of the first. */
  duplicateLine: number;
  /** Line of <Fabbricato> of the unit whose building exists nowhere. */
  orphanLine: number;
}

/** Writes the flusso as an ente's software would, indented, one element per line, counting lines as it goes. */
async function writeRegionalFlusso(file: string): Promise<Planted> {
  const out = createWriteStream(file);
  let line = 1;
  let buffered: string[] = [];
  const write = async (...lines: string[]) => {
    buffered.push(...lines);
    line += lines.length;
    if (buffered.length > 10_000) {
      if (!out.write(`${buffered.join('\n')}\n`)) await once(out, 'drain');
      buffered = [];
    }
  };
  await write('<?xml version="1.0" encoding="UTF-8"?>', '<FlussoPatrimoniale xmlns="urn:push:flusso-patrimoniale:1" versione="1.0">',
    '  <Intestazione>', `    <Ente codice="${ENTE}" codiceFiscale="80002170720"/>`, `    <DataRiferimento>${DATA}</DataRiferimento>`,
    '    <DataProduzione>2026-01-15T10:00:00</DataProduzione>', '  </Intestazione>', '  <Fabbricati>');
  for (let b = 0; b < UNITS / UNITS_PER_BUILDING; b++) {
    await write(`    <Fabbricato codice="F${String(b).padStart(6, '0')}">`, `      <Indirizzo>Via Giuseppe Di Vittorio ${b % 300 + 1}, scala ${'ABCD'[b % 4]}</Indirizzo>`,
      `      <ComuneIstat>${COMUNI[b % COMUNI.length]}</ComuneIstat>`, `      <Latitudine>${(40.5 + (b % 1000) / 1000).toFixed(6)}</Latitudine>`,
      `      <Longitudine>${(16 + (b % 1500) / 1000).toFixed(6)}</Longitudine>`, `      <AnnoCostruzione>${1950 + (b % 70)}</AnnoCostruzione>`,
      `      <Piani>${1 + (b % 8)}</Piani>`, `      <StatoConservazione>${['BUONO', 'MEDIOCRE', 'SCADENTE'][b % 3]}</StatoConservazione>`, '    </Fabbricato>');
  }
  await write('  </Fabbricati>', '  <UnitaImmobiliari>');
  let duplicateLine = 0;
  let orphanLine = 0;
  for (let u = 0; u < UNITS; u++) {
    const b = Math.floor(u / UNITS_PER_BUILDING);
    const stato = STATI[u % STATI.length] as string;
    // The last unit repeats the first one's code; the one before it is in a building that exists nowhere.
    const codice = u === UNITS - 1 ? `${ENTE}-1` : `${ENTE}-${u + 1}`;
    if (u === UNITS - 1) duplicateLine = line;
    if (u === UNITS - 2) orphanLine = line + 1;
    await write(`    <Unita codice="${codice}">`, `      <Fabbricato>${u === UNITS - 2 ? 'NESSUNO' : `F${String(b).padStart(6, '0')}`}</Fabbricato>`,
      `      <Catasto foglio="${100 + (b % 97)}" particella="${b}" subalterno="${(u % UNITS_PER_BUILDING) + 1}" categoria="A/${3 + (u % 3)}"/>`,
      `      <Superficie>${(45 + (u % 90) + 0.25).toFixed(2)}</Superficie>`, `      <Vani>${2 + (u % 5)}.5</Vani>`, `      <Uso>${u % 9 === 0 ? 'SAS' : 'SAP'}</Uso>`,
      `      <Stato>${stato}</Stato>`,
      ...(stato === 'ALIENATO' ? [`      <DataVendita>${1995 + (u % 30)}-0${1 + (u % 9)}-15</DataVendita>`] : []),
      ...(stato === 'LOCATO' ? [`      <CanoneMensile>${(40 + (u % 400)).toFixed(2)}</CanoneMensile>`] : []),
      '    </Unita>');
  }
  await write('  </UnitaImmobiliari>', '</FlussoPatrimoniale>');
  out.end(`${buffered.join('\n')}\n`);
  await once(out, 'close');
  return { file, duplicateLine, orphanLine };
}

describe('a flusso at regional scale', () => {
  it(`when ${UNITS.toLocaleString('en')} units are validated against a snapshot of as many, then the planted problems are found at their lines`, async () => {
    const planted = await writeRegionalFlusso(path.join(dir, 'regionale.xml'));
    const { size } = await stat(planted.file);
    // The last official snapshot: every unit, plus one that is missing now.
    const previous: PreviousSnapshot = {
      buildingCodes: new Set(),
      units: new Map([...Array.from({ length: UNITS }, (_, u) => [`${ENTE}-${u + 1}`, { stato: 'LOCATO' }] as const), [`${ENTE}-999999`, { stato: 'LIBERO' }]]),
    };

    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 10);
    const started = performance.now();
    const result = await validateFlusso({ file: planted.file, enteCodice: ENTE, dataRiferimento: DATA, comuniIstat: new Set(COMUNI), previous });
    const millis = performance.now() - started;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(`${UNITS} units, ${mb(size)} file: validated in ${(millis / 1000).toFixed(2)} s; RSS ${mb(rssBefore)} before, peak ${mb(peakRss)} (+${mb(peakRss - rssBefore)}); process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`);

    expect(result.units).toHaveLength(UNITS);
    expect(result.buildings).toHaveLength(UNITS / UNITS_PER_BUILDING);
    const byRule = (regola: string) => result.problems.filter((problem) => problem.regola === regola);
    expect(byRule(REGOLA.duplicatoUnita)).toEqual([expect.objectContaining({ riga: planted.duplicateLine, unita: `${ENTE}-1` })]);
    expect(byRule(REGOLA.coerenzaFabbricato)).toEqual([expect.objectContaining({ riga: planted.orphanLine, unita: `${ENTE}-${UNITS - 1}` })]);
    expect(byRule(REGOLA.continuitaAssente).map((problem) => problem.unita)).toEqual([`${ENTE}-${UNITS}`, `${ENTE}-999999`]);
    // The units sold since the last snapshot are not a problem; every other rule is kept.
    expect(result.conteggi.map((count) => count.regola).sort()).toEqual([REGOLA.coerenzaFabbricato, REGOLA.continuitaAssente, REGOLA.duplicatoUnita]);
  });
});
