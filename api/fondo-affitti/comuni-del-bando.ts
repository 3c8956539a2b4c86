// A call Comune by Comune, as the Region follows it after the riparto: who applied and was admitted, each
// share, what was liquidated and reported, and what is left; filtered as the page's URL says, on the page and
// as an Excel sheet whose amounts stay numbers.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { centsOf, decimalOf, EXCEL_EURO_FORMAT } from '../../workflows/shared/money';
import { DOMANDA_FONDO_PROCEDURE } from '../../workflows/shared/procedures/domanda-fondo-affitti';
import { text } from '../validation';
import type { DomandaStato } from './views';
import { formatDateTime } from '../../workflows/shared/dates';

const STATI = Object.keys(DOMANDA_FONDO_PROCEDURE.states) as [DomandaStato, ...DomandaStato[]];

/** The page's filters, as its URL carries them (a state may repeat). */
export const ZFiltriComuni = z.object({
  q: text().trim().max(100, 'al massimo 100 caratteri').optional(),
  provincia: text().trim().max(60, 'al massimo 60 caratteri').optional(),
  stato: z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(z.enum(STATI, { error: 'stato della domanda non valido' })).max(STATI.length)).optional(),
  liquidata: z.enum(['si', 'no'], { error: 'indica «si» o «no»' }).optional(),
});
export type FiltriComuni = z.infer<typeof ZFiltriComuni>;

export interface ComuneDelBandoRiga {
  enteId: string;
  ente: string;
  provincia: string | null;
  domandaId: string;
  stato: DomandaStato;
  fabbisogno: string | null;
  quota: string | null;
  liquidazione: { numeroAtto: string; dataAtto: string } | null;
  pagato: string | null;
  beneficiariPagati: number | null;
  residuo: string | null;
  rendicontazioneScadenza: string | null;
}

export interface ComuniDelBando {
  righe: ComuneDelBandoRiga[];
  totali: { comuni: number; presentate: number; ammesse: number; fabbisogno: string; quote: string; liquidato: string; pagato: string; residuo: string };
  /** Every province of the call's Comuni, for the filter's choices. */
  province: string[];
}

const NON_PRESENTATE: readonly DomandaStato[] = ['DA_PRESENTARE', 'NON_PRESENTATA'];
const cents = (value: Prisma.Decimal | null) => (value === null ? 0 : centsOf(value.toString()));
const euro = (value: Prisma.Decimal | null) => (value === null ? null : decimalOf(cents(value)));

export async function comuniDelBando(db: Db, bandoId: string, filtri: FiltriComuni): Promise<ComuniDelBando> {
  const where: Prisma.DomandaFondoWhereInput = {
    bandoId,
    ...(filtri.stato ? { stato: { in: filtri.stato } } : {}),
    ...(filtri.liquidata ? { liquidazioneId: filtri.liquidata === 'si' ? { not: null } : null } : {}),
    ente: {
      ...(filtri.q ? { denominazione: { contains: filtri.q, mode: 'insensitive' } } : {}),
      ...(filtri.provincia ? { provincia: filtri.provincia } : {}),
    },
  };
  const [rows, province] = await Promise.all([
    db.domandaFondo.findMany({
      where,
      include: { ente: { select: { denominazione: true, provincia: true } }, liquidazione: { select: { numeroAtto: true, dataAtto: true } } },
      orderBy: { ente: { denominazione: 'asc' } },
    }),
    db.ente.findMany({ where: { domandeFondo: { some: { bandoId } }, provincia: { not: null } }, distinct: ['provincia'], select: { provincia: true }, orderBy: { provincia: 'asc' } }),
  ]);
  const righe = rows.map((row): ComuneDelBandoRiga => {
    const presentata = row.fabbisognoA !== null && !NON_PRESENTATE.includes(row.stato);
    const rendicontata = row.pagatoA !== null;
    return {
      enteId: row.enteId,
      ente: row.ente.denominazione,
      provincia: row.ente.provincia,
      domandaId: row.id,
      stato: row.stato,
      fabbisogno: presentata ? decimalOf(cents(row.fabbisognoA) + cents(row.fabbisognoB)) : null,
      quota: euro(row.quotaTotale),
      liquidazione: row.liquidazione && { numeroAtto: row.liquidazione.numeroAtto, dataAtto: row.liquidazione.dataAtto.toISOString().slice(0, 10) },
      pagato: rendicontata ? decimalOf(cents(row.pagatoA) + cents(row.pagatoB)) : null,
      beneficiariPagati: rendicontata ? (row.beneficiariPagatiA ?? 0) + (row.beneficiariPagatiB ?? 0) : null,
      residuo: euro(row.residuo),
      rendicontazioneScadenza: row.rendicontazioneScadenza?.toISOString() ?? null,
    };
  });
  const sum = (pick: (riga: ComuneDelBandoRiga) => string | null) => decimalOf(righe.reduce((total, riga) => total + centsOf(pick(riga) ?? '0'), 0));
  return {
    righe,
    totali: {
      comuni: righe.length,
      presentate: righe.filter((riga) => riga.fabbisogno !== null).length,
      ammesse: righe.filter((riga) => riga.quota !== null).length,
      fabbisogno: sum((riga) => riga.fabbisogno),
      quote: sum((riga) => riga.quota),
      liquidato: sum((riga) => (riga.liquidazione ? riga.quota : null)),
      pagato: sum((riga) => riga.pagato),
      residuo: sum((riga) => riga.residuo),
    },
    province: province.map((ente) => ente.provincia!),
  };
}

export async function comuniToExcel(titolo: string, comuni: ComuniDelBando): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PUSH – Puglia Social Housing';
  const sheet = workbook.addWorksheet('Comuni', { views: [{ state: 'frozen', ySplit: 1 }] });
  const amount = { numFmt: EXCEL_EURO_FORMAT };
  sheet.columns = [
    { header: 'Comune', key: 'ente', width: 36 },
    { header: 'Provincia', key: 'provincia', width: 22 },
    { header: 'Stato', key: 'stato', width: 30 },
    { header: 'Fabbisogno', key: 'fabbisogno', width: 16, style: amount },
    { header: 'Quota assegnata', key: 'quota', width: 16, style: amount },
    { header: 'Atto di liquidazione', key: 'atto', width: 24 },
    { header: 'Pagato ai beneficiari', key: 'pagato', width: 18, style: amount },
    { header: 'Beneficiari pagati', key: 'beneficiariPagati', width: 12 },
    { header: 'Fondi residui', key: 'residuo', width: 16, style: amount },
    { header: 'Rendicontazione entro il', key: 'scadenza', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: 'A1', to: 'J1' };
  const number = (value: string | null) => (value === null ? null : Number(value));
  for (const riga of comuni.righe) {
    sheet.addRow({
      ente: riga.ente,
      provincia: riga.provincia ?? '',
      stato: DOMANDA_FONDO_PROCEDURE.states[riga.stato],
      fabbisogno: number(riga.fabbisogno),
      quota: number(riga.quota),
      atto: riga.liquidazione ? `n. ${riga.liquidazione.numeroAtto} del ${riga.liquidazione.dataAtto.split('-').reverse().join('/')}` : '',
      pagato: number(riga.pagato),
      beneficiariPagati: riga.beneficiariPagati,
      residuo: number(riga.residuo),
      scadenza: riga.rendicontazioneScadenza ? new Date(riga.rendicontazioneScadenza) : null,
    });
  }
  const { totali } = comuni;
  const row = sheet.addRow({ ente: 'Totale', fabbisogno: Number(totali.fabbisogno), quota: Number(totali.quote), pagato: Number(totali.pagato), residuo: Number(totali.residuo) });
  row.font = { bold: true };
  const info = workbook.addWorksheet('Informazioni');
  info.addRow(['Bando', titolo]);
  info.addRow(['Comuni nell’elenco', totali.comuni]);
  info.addRow(['Liquidato', Number(totali.liquidato)]).getCell(2).numFmt = EXCEL_EURO_FORMAT;
  info.addRow(['Generato il', formatDateTime(new Date())]);
  info.getColumn(1).width = 24;
  info.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
