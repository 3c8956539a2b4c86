/**
 * Import of the Comuni's codice fiscale and PEC from AgID's IPA open data ("Enti" dataset, the CSV
 * downloaded from indicepa.gov.it). No offline package carries those two fields, and IPA is the legal
 * registry of PA digital addresses (CAD art. 6-ter), so it is the right source.
 */
import type { Db } from '../client';
import { EnteTipo } from '../generated/enums';
import { isValidPartitaIva } from './codice-fiscale';
import { parseCsvRecords } from './csv';

/** IPA category code of the Comuni ("Comuni e loro Consorzi e Associazioni": L6). */
export const IPA_CATEGORIA_COMUNE = 'L6';

const REQUIRED_COLUMNS = ['Codice_fiscale_ente', 'Codice_comune_ISTAT', 'Codice_Categoria'] as const;

/** One Comune as IPA describes it. */
export interface IpaComune {
  codiceIpa: string;
  denominazione: string;
  /** ISTAT code of the Comune, 6 digits. */
  istat: string;
  /** 11 digits, checksum verified. */
  codiceFiscale: string;
  /** The first mailbox of type "Pec", or null when IPA lists none. */
  pec: string | null;
}

export interface IpaParseResult {
  /** Data rows in the file, of any category. */
  rowsRead: number;
  comuni: IpaComune[];
  /** Rows of Comuni that were skipped, and why. */
  warnings: string[];
}

/** Empty cells in IPA exports are sometimes the literal text "null". */
function cell(record: Record<string, string>, column: string | undefined): string {
  const value = column === undefined ? '' : (record[column] ?? '').trim();
  return value.toLowerCase() === 'null' ? '' : value;
}

/** The first MailN whose Tipo_MailN is "Pec", looking at every numbered mail column the file has. */
function firstPec(record: Record<string, string>, header: readonly string[]): string | null {
  const columns = new Map(header.map((name) => [name.toLowerCase(), name]));
  const mailNumbers = header
    .map((name) => /^mail(\d+)$/i.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const n of mailNumbers) {
    const tipo = cell(record, columns.get(`tipo_mail${n}`));
    const mail = cell(record, columns.get(`mail${n}`));
    if (tipo.toLowerCase() === 'pec' && mail.includes('@')) return mail;
  }
  return null;
}

/**
 * Reads the IPA "Enti" CSV and returns its Comuni (category L6) with a valid codice fiscale. Column
 * names are matched case-insensitively because older exports used lower case. A row whose codice
 * fiscale fails the checksum is skipped whole, with a warning: IPA validates codici fiscali with
 * Agenzia delle Entrate, so a bad one means a corrupted row, and its PEC is not trusted either.
 */
export function parseIpaEnti(csvText: string): IpaParseResult {
  const { header, records } = parseCsvRecords(csvText);
  const columns = new Map(header.map((name) => [name.toLowerCase(), name]));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(`Not an IPA "Enti" file: missing column(s) ${missing.join(', ')}`);
  }
  const column = (name: string): string | undefined => columns.get(name.toLowerCase());
  const comuni: IpaComune[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    if (cell(record, column('Codice_Categoria')).toUpperCase() !== IPA_CATEGORIA_COMUNE) return;
    const line = `row ${index + 2}`;
    const codiceIpa = cell(record, column('Codice_IPA'));
    const denominazione = cell(record, column('Denominazione_ente'));
    const label = `${line} (${codiceIpa || '?'} ${denominazione})`.trim();
    const rawIstat = cell(record, column('Codice_comune_ISTAT'));
    // Spreadsheets drop the leading zero of codes such as 072006.
    const istat = /^\d{1,6}$/.test(rawIstat) ? rawIstat.padStart(6, '0') : '';
    if (!istat) {
      warnings.push(`${label}: skipped, ISTAT code "${rawIstat}" is not numeric`);
      return;
    }
    const codiceFiscale = cell(record, column('Codice_fiscale_ente')).replace(/\s+/g, '');
    if (!isValidPartitaIva(codiceFiscale)) {
      warnings.push(`${label}: skipped, codice fiscale "${codiceFiscale}" fails the checksum`);
      return;
    }
    if (seen.has(istat)) {
      warnings.push(`${label}: skipped, ISTAT code ${istat} already given by an earlier row`);
      return;
    }
    seen.add(istat);
    comuni.push({ codiceIpa, denominazione, istat, codiceFiscale, pec: firstPec(record, header) });
  });
  return { rowsRead: records.length, comuni, warnings };
}

/** A Comune of the platform as the matching needs it. */
export interface ComuneEnte {
  id: string;
  codice: string;
  istatComune: string | null;
  codiceFiscale: string | null;
  pec: string | null;
}

export interface IpaUpdate {
  enteId: string;
  codice: string;
  codiceIpa: string;
  before: { codiceFiscale: string | null; pec: string | null };
  after: { codiceFiscale: string; pec: string | null };
}

export interface IpaPlan {
  updates: IpaUpdate[];
  /** Comuni matched whose data already equals IPA's. */
  unchanged: number;
  /** ISTAT codes of the platform's Comuni that the file does not list. */
  missingInFile: string[];
}

/**
 * Matches IPA's Comuni to the platform's by ISTAT code and lists the changes. IPA is authoritative
 * for the codice fiscale; a PEC is replaced by IPA's but never erased when IPA lists none.
 */
export function planIpaUpdates(ipa: readonly IpaComune[], enti: readonly ComuneEnte[]): IpaPlan {
  const byIstat = new Map(ipa.map((comune) => [comune.istat, comune]));
  const plan: IpaPlan = { updates: [], unchanged: 0, missingInFile: [] };
  for (const ente of enti) {
    const comune = ente.istatComune === null ? undefined : byIstat.get(ente.istatComune);
    if (!comune) {
      plan.missingInFile.push(ente.istatComune ?? ente.codice);
      continue;
    }
    const after = { codiceFiscale: comune.codiceFiscale, pec: comune.pec ?? ente.pec };
    if (after.codiceFiscale === ente.codiceFiscale && after.pec === ente.pec) {
      plan.unchanged += 1;
      continue;
    }
    plan.updates.push({
      enteId: ente.id,
      codice: ente.codice,
      codiceIpa: comune.codiceIpa,
      before: { codiceFiscale: ente.codiceFiscale, pec: ente.pec },
      after,
    });
  }
  return plan;
}

export interface IpaImportSummary {
  rowsRead: number;
  comuniInFile: number;
  updated: number;
  unchanged: number;
  missingInFile: string[];
  warnings: string[];
}

/**
 * Applies the IPA file to the platform's Comuni in one transaction, with an audit event per changed
 * ente (the PEC is where the Region's formal communications go, so who changed it must be traceable).
 * Idempotent: a second run with the same file changes nothing.
 */
export async function importIpa(db: Db, csvText: string): Promise<IpaImportSummary> {
  const parsed = parseIpaEnti(csvText);
  const plan = await db.$transaction(
    async (tx) => {
      const enti = await tx.ente.findMany({
        where: { tipo: EnteTipo.COMUNE },
        select: { id: true, codice: true, istatComune: true, codiceFiscale: true, pec: true },
        orderBy: { codice: 'asc' },
      });
      const planned = planIpaUpdates(parsed.comuni, enti);
      for (const update of planned.updates) {
        await tx.ente.update({ where: { id: update.enteId }, data: update.after });
        await tx.auditEvent.create({
          data: {
            actorId: null,
            enteId: update.enteId,
            azione: 'ENTE_AGGIORNATO_DA_IPA',
            oggetto: `ente:${update.enteId}`,
            details: { codice: update.codice, codiceIpa: update.codiceIpa, before: update.before, after: update.after },
          },
        });
      }
      return planned;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return {
    rowsRead: parsed.rowsRead,
    comuniInFile: parsed.comuni.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    missingInFile: plan.missingInFile,
    warnings: parsed.warnings,
  };
}
