// The riparto of a call as the database holds it: its admitted applications, its funding sources and the
// Comuni's ATA flags, through the pure calcolaRiparto. The procedure's activities and the API's preview
// read the same table from here.
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';
import { calcolaRiparto, type RipartoResult } from '../../workflows/shared/fondo-affitti/riparto';
import { centsOf } from '../../workflows/shared/money';

const cents = (value: Prisma.Decimal | null): number => (value === null ? 0 : centsOf(value.toString()));

/** The riparto of a call, from its admitted applications, its funding sources and the Comuni's ATA flags. */
export async function ripartoDelBando(db: Db, bandoId: string): Promise<{ bando: Prisma.BandoFondoGetPayload<object>; riparto: RipartoResult; nomi: Map<string, string>; comuni: Map<string, { denominazione: string; provincia: string | null; ata: boolean }>; escluse: number }> {
  const bando = await db.bandoFondo.findUniqueOrThrow({ where: { id: bandoId }, include: { fonti: true } });
  const parametri = bando.parametri as unknown as ParametriBando;
  const [ammesse, escluse] = await Promise.all([
    db.domandaFondo.findMany({ where: { bandoId, stato: 'AMMESSA' }, include: { ente: { select: { denominazione: true, provincia: true, ata: true } } } }),
    db.domandaFondo.count({ where: { bandoId, stato: { in: ['ESCLUSA', 'DECADUTA'] } } }),
  ]);
  const quota = (kind: 'ORDINARIA' | 'PREMIALE') => bando.fonti.filter((fonte) => fonte.quota === kind).reduce((sum, fonte) => sum + centsOf(fonte.importo.toString()), 0);
  const riparto = calcolaRiparto(
    ammesse.map((domanda) => ({
      enteId: domanda.enteId,
      fabbisognoCents: cents(domanda.fabbisognoA) + cents(domanda.fabbisognoB),
      cofinanziamentoCents: cents(domanda.cofinanziamento),
      ata: domanda.ente.ata,
    })),
    { quotaOrdinariaCents: quota('ORDINARIA'), quotaPremialeCents: quota('PREMIALE'), cofinanziamentoMinimo: parametri.cofinanziamentoMinimo, penalitaAta: parametri.penalitaAta },
  );
  return {
    bando,
    riparto,
    nomi: new Map(ammesse.map((domanda) => [domanda.enteId, domanda.ente.denominazione])),
    comuni: new Map(ammesse.map((domanda) => [domanda.enteId, domanda.ente])),
    escluse,
  };
}
