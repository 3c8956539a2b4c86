// The Comuni's reference data the rent-support calls read, edited by the Region's administrator: which are
// ad alta tensione abitativa (ATA: the penalty for not co-funding; Morosità incolpevole reaches them) and
// their population (Morosità incolpevole reaches those over 10,000). Every change is in the audit trail.
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { EnteStato } from '../enti/views';
import { AppError } from '../errors';
import { optionalQuery, text } from '../validation';

export const ZComuniQuery = z.object({
  q: optionalQuery(text().trim().max(100, 'al massimo 100 caratteri')),
  provincia: optionalQuery(text().trim().max(60, 'al massimo 60 caratteri')),
  ata: optionalQuery(z.enum(['si', 'no'], { error: 'indica «si» o «no»' })),
});
export const ZComuneId = z.object({ id: z.string().uuid('identificativo non valido') });
export const ZRiferimentiComune = z.object({
  ata: z.boolean({ error: 'indica se il Comune è ad alta tensione abitativa (sì o no)' }),
  abitanti: z.number({ error: 'indica gli abitanti con un numero intero, o lascia vuoto' }).int('un numero intero di abitanti').min(0, 'non può essere negativo').max(10_000_000, 'al massimo 10.000.000').nullable(),
});

export interface ComuneRiferimento {
  id: string;
  codice: string;
  denominazione: string;
  provincia: string | null;
  abitanti: number | null;
  ata: boolean;
  stato: EnteStato;
}

const SELECT = { id: true, codice: true, denominazione: true, provincia: true, abitanti: true, ata: true, stato: true } as const;

export async function comuniRiferimento(db: Db, query: z.infer<typeof ZComuniQuery>): Promise<{ items: ComuneRiferimento[]; province: string[] }> {
  const [items, province] = await Promise.all([
    db.ente.findMany({
      where: {
        tipo: 'COMUNE',
        ...(query.q ? { OR: [{ denominazione: { contains: query.q, mode: 'insensitive' } }, { codice: { startsWith: query.q } }] } : {}),
        ...(query.provincia ? { provincia: query.provincia } : {}),
        ...(query.ata ? { ata: query.ata === 'si' } : {}),
      },
      select: SELECT,
      orderBy: { denominazione: 'asc' },
    }),
    db.ente.findMany({ where: { tipo: 'COMUNE', provincia: { not: null } }, distinct: ['provincia'], select: { provincia: true }, orderBy: { provincia: 'asc' } }),
  ]);
  return { items, province: province.map((ente) => ente.provincia!) };
}

/** Sets a Comune's ATA flag and population; a change is audited with what it was and what it is. */
export async function aggiornaRiferimentiComune(db: Db, id: string, valori: z.infer<typeof ZRiferimentiComune>, actorId: string): Promise<ComuneRiferimento> {
  return db.$transaction(async (tx) => {
    const before = await tx.ente.findFirst({ where: { id, tipo: 'COMUNE' }, select: SELECT });
    if (!before) throw new AppError('NON_TROVATO', 404, 'Comune non trovato.');
    if (before.ata === valori.ata && before.abitanti === valori.abitanti) return before;
    const after = await tx.ente.update({ where: { id }, data: valori, select: SELECT });
    await tx.auditEvent.create({
      data: {
        actorId, enteId: id, azione: 'RIFERIMENTO_COMUNE_MODIFICATO', oggetto: `ente:${id}`,
        details: { da: { ata: before.ata, abitanti: before.abitanti }, a: { ata: after.ata, abitanti: after.abitanti } },
      },
    });
    return after;
  });
}
