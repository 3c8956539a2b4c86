// Small flussi written as the format describes them, one element per line so that a test can name the
// line a problem must point at; each is written to a temporary file and validated like an upload.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateFlusso } from '../../../activities/flussi/validation';
import type { PreviousSnapshot, ValidateFlussoInput, ValidationResult } from '../../../activities/flussi/validation';

export const ENTE = '072006';
export const DATA = '2025-12-31';
export const COMUNI: ReadonlySet<string> = new Set(['072006', '072004', '075035']);

/** Field values by element name, in the schema's order; null leaves an optional element out. */
type Fields = Record<string, string | null>;

const BUILDING: Fields = {
  Indirizzo: 'Via Roma 1', ComuneIstat: '072006', Latitudine: '41.12', Longitudine: '16.87',
  AnnoCostruzione: '1975', Piani: '5', StatoConservazione: 'BUONO',
};

const UNIT: Fields = {
  Fabbricato: 'F0001', Catasto: null, Superficie: '75.5', Vani: '4', Uso: 'SAP', Stato: 'LOCATO', DataVendita: null, CanoneMensile: '120.50',
};

const CATASTO = { foglio: '12', particella: '345', subalterno: '7', categoria: 'A/3' };

function elements(defaults: Fields, fields: Fields, indent: string, extra: (name: string) => string | null = () => null): string {
  const merged = { ...defaults, ...fields };
  return Object.keys(defaults)
    .map((name) => extra(name) ?? (merged[name] === null || merged[name] === undefined ? null : `${indent}<${name}>${merged[name]}</${name}>`))
    .filter((line): line is string => line !== null)
    .join('\n');
}

export function building(codice = 'F0001', fields: Fields = {}): string {
  return `    <Fabbricato codice="${codice}">\n${elements(BUILDING, fields, '      ')}\n    </Fabbricato>`;
}

export function unit(codice = `${ENTE}-1`, fields: Fields = {}, catasto: Partial<typeof CATASTO> = {}): string {
  const attributes = Object.entries({ ...CATASTO, ...catasto }).map(([name, value]) => `${name}="${value}"`).join(' ');
  const body = elements(UNIT, fields, '      ', (name) => (name === 'Catasto' ? `      <Catasto ${attributes}/>` : null));
  return `    <Unita codice="${codice}">\n${body}\n    </Unita>`;
}

export interface FlussoParts {
  ente?: string;
  dataRiferimento?: string;
  buildings?: string[];
  units?: string[];
  /** Written before the root element (after the XML declaration). */
  prolog?: string;
  declaration?: string;
  root?: string;
}

export function flusso(parts: FlussoParts = {}): string {
  const root = parts.root ?? `FlussoPatrimoniale xmlns="urn:push:flusso-patrimoniale:1" versione="1.0"`;
  const rootName = root.split(' ')[0];
  return [
    parts.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>',
    ...(parts.prolog ? [parts.prolog] : []),
    `<${root}>`,
    '  <Intestazione>',
    `    <Ente codice="${parts.ente ?? ENTE}" codiceFiscale="80015010723"/>`,
    `    <DataRiferimento>${parts.dataRiferimento ?? DATA}</DataRiferimento>`,
    '    <DataProduzione>2026-01-15T10:00:00</DataProduzione>',
    '  </Intestazione>',
    '  <Fabbricati>',
    ...(parts.buildings ?? [building()]),
    '  </Fabbricati>',
    '  <UnitaImmobiliari>',
    ...(parts.units ?? [unit()]),
    '  </UnitaImmobiliari>',
    `</${rootName}>`,
    '',
  ].join('\n');
}

/** 1-based line of the `occurrence`-th line containing `needle`. */
export function lineOf(xml: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = xml.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if ((lines[index] as string).includes(needle) && ++seen === occurrence) return index + 1;
  }
  throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the flusso`);
}

/** A folder of temporary flussi for one test file. */
export class FlussoFiles {
  private dir = '';
  private count = 0;

  async open(): Promise<void> {
    this.dir = await mkdtemp(path.join(os.tmpdir(), 'push-flusso-validation-'));
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  async write(content: string | Buffer): Promise<string> {
    const file = path.join(this.dir, `flusso-${++this.count}.xml`);
    await writeFile(file, content);
    return file;
  }

  async validate(content: string | Buffer, input: Partial<Omit<ValidateFlussoInput, 'file'>> = {}): Promise<ValidationResult> {
    return validateFlusso({ file: await this.write(content), enteCodice: ENTE, dataRiferimento: DATA, comuniIstat: COMUNI, previous: null, ...input });
  }
}

export function previous(units: Record<string, string>, buildingCodes: string[] = []): PreviousSnapshot {
  return { buildingCodes: new Set(buildingCodes), units: new Map(Object.entries(units).map(([codice, stato]) => [codice, { stato }])) };
}
