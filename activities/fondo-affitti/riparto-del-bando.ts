// The riparto of a call as the database holds it: its admitted applications, its funding sources and the
// Comuni's ATA flags (for Morosità incolpevole, what each spent and reported on the earlier calls of the
// kind), through the pure calcolaRiparto. The procedure's activities and the API's preview read the same
// table from here.
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { QUOTA_SPESA_RENDICONTATA, STATI_AMMESSA, type ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';
import { calcolaRiparto, type RipartoResult } from '../../workflows/shared/fondo-affitti/riparto';
import { centsOf } from '../../workflows/shared/money';

const cents = (value: Prisma.Decimal | null): number => (value === null ? 0 : centsOf(value.toString()));

/** The riparto of a call, from its admitted applications, its funding sources and the Comuni's ATA flags. */
export async function ripartoDelBando(db: Db, bandoId: string): Promise<{ bando: Prisma.BandoFondoGetPayload<object>; riparto: RipartoResult; nomi: Map<string, string>; comuni: Map<string, { denominazione: string; provincia: string | null; ata: boolean }>; escluse: number }> {
  const bando = await db.bandoFondo.findUniqueOrThrow({ where: { id: bandoId }, include: { fonti: true } });
  const parametri = bando.parametri as unknown as ParametriBando;
  const [ammesse, escluse] = await Promise.all([
    db.domandaFondo.findMany({ where: { bandoId, stato: { in: [...STATI_AMMESSA] } }, include: { ente: { select: { denominazione: true, provincia: true, ata: true } } } }),
    db.domandaFondo.count({ where: { bandoId, stato: { in: ['ESCLUSA', 'DECADUTA'] } } }),
  ]);
  const quota = (kind?: 'ORDINARIA' | 'PREMIALE') => bando.fonti.filter((fonte) => !kind || fonte.quota === kind).reduce((sum, fonte) => sum + centsOf(fonte.importo.toString()), 0);
  const morosita = bando.tipo === 'MOROSITA_INCOLPEVOLE';
  const spesa = morosita ? await spesaRendicontata(db, bando, ammesse.map((domanda) => domanda.enteId)) : new Map<string, number>();
  // Morosità incolpevole: the whole fund, a share of it by spending (rounded down to the cent), the rest by need.
  const perSpesa = morosita ? Number((BigInt(quota()) * BigInt(Math.round((parametri.quotaSpesaRendicontata ?? QUOTA_SPESA_RENDICONTATA) * 1_000_000))) / 1_000_000n) : 0;
  const riparto = calcolaRiparto(
    ammesse.map((domanda) => ({
      enteId: domanda.enteId,
      fabbisognoCents: cents(domanda.fabbisognoA) + cents(domanda.fabbisognoB),
      cofinanziamentoCents: cents(domanda.cofinanziamento),
      ata: domanda.ente.ata,
      spesaRendicontataCents: spesa.get(domanda.enteId) ?? 0,
    })),
    morosita
      ? { quotaOrdinariaCents: quota() - perSpesa, quotaPremialeCents: perSpesa, cofinanziamentoMinimo: parametri.cofinanziamentoMinimo, penalitaAta: 0, premioPer: 'SPESA_RENDICONTATA' }
      : { quotaOrdinariaCents: quota('ORDINARIA'), quotaPremialeCents: quota('PREMIALE'), cofinanziamentoMinimo: parametri.cofinanziamentoMinimo, penalitaAta: parametri.penalitaAta },
  );
  return {
    bando,
    riparto,
    nomi: new Map(ammesse.map((domanda) => [domanda.enteId, domanda.ente.denominazione])),
    comuni: new Map(ammesse.map((domanda) => [domanda.enteId, domanda.ente])),
    escluse,
  };
}

/** What each Comune paid to tenants, as reported and approved, on the earlier calls of the same kind. */
async function spesaRendicontata(db: Db, bando: { tipo: 'FONDO_AFFITTI' | 'MOROSITA_INCOLPEVOLE'; anno: number }, enteIds: string[]): Promise<Map<string, number>> {
  const rendicontate = await db.domandaFondo.findMany({
    where: { enteId: { in: enteIds }, stato: 'RENDICONTATA', bando: { tipo: bando.tipo, anno: { lt: bando.anno } } },
    select: { enteId: true, pagatoA: true, pagatoB: true },
  });
  const spesa = new Map<string, number>();
  for (const domanda of rendicontate) spesa.set(domanda.enteId, (spesa.get(domanda.enteId) ?? 0) + cents(domanda.pagatoA) + cents(domanda.pagatoB));
  return spesa;
}
