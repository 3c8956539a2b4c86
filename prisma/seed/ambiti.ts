// The ambiti territoriali the demo knows: Comuni that act together through their Comune capofila (the
// Ambito Territoriale Sociale of Lecce, as Regione Puglia's social plan draws it). Procedures that let an
// ambito act address a member Comune's task to the capofila's people (activities/tasks/ambito-candidates).
import type { Prisma } from '../generated/client';

export interface AmbitoSeed {
  codice: string;
  denominazione: string;
  /** ISTAT codes: the capofila, and every member (the capofila among them). */
  capofila: string;
  comuni: readonly string[];
}

export const AMBITO_LECCE = 'ATS-LECCE';

export const AMBITI: readonly AmbitoSeed[] = [
  {
    codice: AMBITO_LECCE,
    denominazione: 'Ambito territoriale sociale di Lecce',
    capofila: '075035',
    // Lecce, Arnesano, Cavallino, Lequile, Lizzanello, Monteroni di Lecce, San Cesario di Lecce,
    // San Donato di Lecce, San Pietro in Lama, Surbo.
    comuni: ['075035', '075007', '075020', '075036', '075038', '075048', '075068', '075069', '075071', '075083'],
  },
];

/** Creates the ambiti and their memberships that are missing; an existing membership is left as it is. */
export async function syncAmbiti(tx: Prisma.TransactionClient, enteIds: ReadonlyMap<string, string>): Promise<void> {
  for (const seed of AMBITI) {
    const idOf = (codice: string) => {
      const id = enteIds.get(codice);
      if (!id) throw new Error(`Ambito ${seed.codice}: Comune ${codice} is not in the reference data`);
      return id;
    };
    const ambito = await tx.ambito.upsert({
      where: { codice: seed.codice },
      create: { codice: seed.codice, denominazione: seed.denominazione, capofilaEnteId: idOf(seed.capofila) },
      update: {},
      select: { id: true },
    });
    await tx.ambitoComune.createMany({ data: seed.comuni.map((codice) => ({ ambitoId: ambito.id, enteId: idOf(codice) })), skipDuplicates: true });
  }
}
