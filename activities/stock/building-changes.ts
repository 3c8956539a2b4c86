// What changed in a building from one snapshot to the next: the building page's history reads as
// "at 30/06/2026: 2 units sold, one freed, the state of repair now MEDIOCRE" instead of two lists to
// compare by eye. Pure code over buildingHistory's entries.
import type { SnapshotTipo } from '../../prisma/generated/enums';
import type { BuildingHistory } from './buildings';

type Entry = BuildingHistory['history'][number];
type Building = Entry['building'];
type Unit = Entry['units'][number];

const BUILDING_FIELDS = ['indirizzo', 'istatComune', 'latitudine', 'longitudine', 'annoCostruzione', 'piani', 'statoConservazione'] as const;
const UNIT_FIELDS = ['stato', 'uso', 'superficie', 'canoneMensile', 'dataVendita'] as const;

export type BuildingField = (typeof BUILDING_FIELDS)[number];
export type UnitField = (typeof UNIT_FIELDS)[number];
type Value = string | number | null;

export interface SnapshotChanges {
  snapshotId: string;
  dataRiferimento: string;
  tipo: SnapshotTipo;
  /** Units of the building in this snapshot. */
  unita: number;
  /** The snapshot compared with: the ente's previous one holding the building; null for the first. */
  precedente: string | null;
  edificio: { campo: BuildingField; prima: Value; dopo: Value }[];
  /** Unit codes present now and not before. */
  aggiunte: string[];
  /** Unit codes present before and not now (a flusso must declare them sold or demolished, so rarely seen). */
  rimosse: string[];
  variazioni: { codice: string; campo: UnitField; prima: Value; dopo: Value }[];
}

function buildingDifferences(before: Building, after: Building): SnapshotChanges['edificio'] {
  return BUILDING_FIELDS.filter((campo) => before[campo] !== after[campo]).map((campo) => ({ campo, prima: before[campo], dopo: after[campo] }));
}

function unitDifferences(before: readonly Unit[], after: readonly Unit[]): Pick<SnapshotChanges, 'aggiunte' | 'rimosse' | 'variazioni'> {
  const previous = new Map(before.map((unit) => [unit.codice, unit]));
  const current = new Set(after.map((unit) => unit.codice));
  const variazioni: SnapshotChanges['variazioni'] = [];
  const aggiunte: string[] = [];
  for (const unit of after) {
    const old = previous.get(unit.codice);
    if (!old) {
      aggiunte.push(unit.codice);
      continue;
    }
    for (const campo of UNIT_FIELDS) {
      if (old[campo] !== unit[campo]) variazioni.push({ codice: unit.codice, campo, prima: old[campo], dopo: unit[campo] });
    }
  }
  const rimosse = before.filter((unit) => !current.has(unit.codice)).map((unit) => unit.codice);
  return { aggiunte, rimosse, variazioni };
}

/** One entry per snapshot of the history (oldest first), each compared with the one before it. */
export function buildingChanges(history: readonly Entry[]): SnapshotChanges[] {
  return history.map((entry, index) => {
    const before = index > 0 ? history[index - 1] : undefined;
    const base = { snapshotId: entry.snapshotId, dataRiferimento: entry.dataRiferimento, tipo: entry.tipo, unita: entry.units.length };
    if (!before) return { ...base, precedente: null, edificio: [], aggiunte: [], rimosse: [], variazioni: [] };
    return {
      ...base,
      precedente: before.dataRiferimento,
      edificio: buildingDifferences(before.building, entry.building),
      ...unitDifferences(before.units, entry.units),
    };
  });
}
