/**
 * Import of the Comuni's codice fiscale and PEC from AgID's IPA open data ("Enti" dataset, the CSV
 * downloaded from indicepa.gov.it). No offline package carries those two fields, and IPA is the legal
 * registry of PA digital addresses (CAD art. 6-ter), so it is the right source.
 */
import type { Db } from '../client';
import { EnteTipo } from '../generated/enums';
import { isValidPartitaIva } from '../../workflows/shared/codice-fiscale';
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
  /** Comuni that were skipped, and why. */
  warnings: IpaWarning[];
}

export interface IpaWarning {
  /** The Comune concerned, when known, so callers can keep only the warnings about their own. */
  istat: string | null;
  message: string;
}

/** Empty cells in IPA exports are sometimes the literal text "null". */
function cell(record: Record<string, string>, column: string | undefined): string {
  const value = column === undefined ? '' : (record[column] ?? '').trim();
  return value.toLowerCase() === 'null' ? '' : value;
}

/** Pairs of (MailN, Tipo_MailN) column names in N order, for every numbered mail column the file has. */
function mailColumns(header: readonly string[]): [string, string | undefined][] {
  const columns = new Map(header.map((name) => [name.toLowerCase(), name]));
  return header
    .map((name) => [name, /^mail(\d+)$/i.exec(name)?.[1]] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map(([name, n]) => [name, columns.get(`tipo_mail${n}`)]);
}

/** The first mailbox of type "Pec" (IPA also lists ordinary ones, typed "Altro"). */
function firstPec(record: Record<string, string>, mails: readonly [string, string | undefined][]): string | null {
  for (const [mailColumn, tipoColumn] of mails) {
    const mail = cell(record, mailColumn);
    if (cell(record, tipoColumn).toLowerCase() === 'pec' && mail.includes('@')) return mail;
  }
  return null;
}

/** A category-L6 row of the file, before choosing which row is the Comune itself. */
interface Candidate extends Omit<IpaComune, 'codiceFiscale'> {
  label: string;
  rawCodiceFiscale: string;
  /** 2: IPA code of a Comune (c_ + Belfiore code); 1: named "Comune di …"; 0: anything else. */
  rank: number;
}

/**
 * Category L6 also holds consortia and associations of Comuni, whose Codice_comune_ISTAT is the one
 * of their seat, so a Comune's own row is recognised by its IPA code, which for Comuni is "c_"
 * followed by the Belfiore code, or failing that by its name.
 */
function comuneRank(codiceIpa: string, codiceCatastale: string, denominazione: string): number {
  if (codiceCatastale && codiceIpa.toLowerCase() === `c_${codiceCatastale.toLowerCase()}`) return 2;
  return /^comune di /i.test(denominazione) ? 1 : 0;
}

function readCandidates(csvText: string): { rowsRead: number; candidates: Candidate[]; warnings: IpaWarning[] } {
  const { header, records } = parseCsvRecords(csvText);
  const columns = new Map(header.map((name) => [name.toLowerCase(), name]));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(`Not an IPA "Enti" file: missing column(s) ${missing.join(', ')}`);
  }
  const column = (name: string): string | undefined => columns.get(name.toLowerCase());
  const mails = mailColumns(header);
  const candidates: Candidate[] = [];
  const warnings: IpaWarning[] = [];
  records.forEach((record, index) => {
    if (cell(record, column('Codice_Categoria')).toUpperCase() !== IPA_CATEGORIA_COMUNE) return;
    const codiceIpa = cell(record, column('Codice_IPA'));
    const denominazione = cell(record, column('Denominazione_ente'));
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const label = `row ${index + 2} (${codiceIpa || '?'} ${denominazione})`;
    const rawIstat = cell(record, column('Codice_comune_ISTAT'));
    const rank = comuneRank(codiceIpa, cell(record, column('Codice_catastale_comune')), denominazione);
    if (rank === 0) return;
    if (!/^\d{1,6}$/.test(rawIstat)) {
      warnings.push({ istat: null, message: `${label}: skipped, ISTAT code "${rawIstat}" is not numeric` });
      return;
    }
    candidates.push({
      label,
      codiceIpa,
      denominazione,
      // Spreadsheets drop the leading zero of codes such as 072006.
      istat: rawIstat.padStart(6, '0'),
      rawCodiceFiscale: cell(record, column('Codice_fiscale_ente')).replace(/\s+/g, ''),
      pec: firstPec(record, mails),
      rank,
    });
  });
  return { rowsRead: records.length, candidates, warnings };
}

/**
 * Reads the IPA "Enti" CSV and returns its Comuni with a valid codice fiscale, one per ISTAT code.
 * Column names are matched case-insensitively because older exports used lower case. A Comune whose
 * codice fiscale fails the checksum is skipped whole, with a warning: IPA validates codici fiscali
 * with Agenzia delle Entrate, so a bad one means a corrupted row, and its PEC is not trusted either.
 */
export function parseIpaEnti(csvText: string): IpaParseResult {
  const { rowsRead, candidates, warnings } = readCandidates(csvText);
  const byIstat = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const group = byIstat.get(candidate.istat) ?? [];
    group.push(candidate);
    byIstat.set(candidate.istat, group);
  }
  const comuni: IpaComune[] = [];
  for (const [istat, group] of byIstat) {
    const bestRank = Math.max(...group.map((candidate) => candidate.rank));
    const best = group.filter((candidate) => candidate.rank === bestRank);
    const [chosen] = best;
    if (!chosen) continue;
    if (best.length > 1) {
      const labels = best.map((candidate) => candidate.label).join('; ');
      warnings.push({ istat, message: `ISTAT ${istat}: skipped, ${best.length} rows could be the Comune: ${labels}` });
      continue;
    }
    if (!isValidPartitaIva(chosen.rawCodiceFiscale)) {
      const message = `${chosen.label}: skipped, codice fiscale "${chosen.rawCodiceFiscale}" fails the checksum`;
      warnings.push({ istat, message });
      continue;
    }
    const { codiceIpa, denominazione, pec } = chosen;
    comuni.push({ codiceIpa, denominazione, istat, codiceFiscale: chosen.rawCodiceFiscale, pec });
  }
  comuni.sort((a, b) => a.istat.localeCompare(b.istat));
  return { rowsRead, comuni, warnings };
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
  /** ISTAT codes of the platform's Comuni the file gives no usable row for (absent, or skipped with a warning). */
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
  /** Only those about the platform's Comuni or about no Comune in particular. */
  warnings: IpaWarning[];
}

/**
 * Applies the IPA file to the platform's Comuni in one transaction, with an audit event per changed
 * ente (the PEC is where the Region's formal communications go, so who changed it must be traceable).
 * Idempotent: a second run with the same file changes nothing.
 */
export async function importIpa(db: Db, csvText: string): Promise<IpaImportSummary> {
  const parsed = parseIpaEnti(csvText);
  const { plan, istatCodes } = await db.$transaction(
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
      return { plan: planned, istatCodes: new Set(enti.map((ente) => ente.istatComune)) };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return {
    rowsRead: parsed.rowsRead,
    comuniInFile: parsed.comuni.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    missingInFile: plan.missingInFile,
    warnings: parsed.warnings.filter((warning) => warning.istat === null || istatCodes.has(warning.istat)),
  };
}
