// The riparto as it stands, for the Region to review before it is proposed and signed: on the page and as an
// Excel sheet whose amounts stay numbers (summable) shown as 1.234,56 €.
import ExcelJS from 'exceljs';
import { ripartoDelBando } from '../../activities/fondo-affitti/riparto-del-bando';
import type { Db } from '../../prisma/client';
import { VOCI_RIPARTO } from '../../workflows/shared/fondo-affitti/bando';
import { decimalOf, EXCEL_EURO_FORMAT } from '../../workflows/shared/money';
import type { RipartoView } from './views';
import { formatDateTime } from '../../workflows/shared/dates';

export async function ripartoPreview(db: Db, bandoId: string): Promise<RipartoView> {
  const { bando, riparto, comuni } = await ripartoDelBando(db, bandoId);
  return {
    tipo: bando.tipo,
    budget: decimalOf(riparto.budgetCents),
    fabbisogno: decimalOf(riparto.totali.fabbisognoCents),
    assegnato: decimalOf(riparto.assegnatoCents),
    nonAssegnato: decimalOf(riparto.nonAssegnatoCents),
    righe: riparto.quote
      .map((quota) => {
        const comune = comuni.get(quota.enteId)!;
        return {
          enteId: quota.enteId,
          ente: comune.denominazione,
          provincia: comune.provincia,
          ata: comune.ata,
          fabbisogno: decimalOf(quota.fabbisognoCents),
          cofinanziamento: decimalOf(quota.cofinanziamentoCents),
          spesaRendicontata: decimalOf(quota.spesaRendicontataCents),
          premiale: quota.premiale,
          penalizzato: quota.penalizzato,
          ordinaria: decimalOf(quota.ordinariaCents),
          quotaPremiale: decimalOf(quota.premialeCents),
          penalita: decimalOf(quota.penalitaCents),
          redistribuzione: decimalOf(quota.redistribuzioneCents),
          totale: decimalOf(quota.totaleCents),
          copertura: quota.copertura,
        };
      })
      .sort((a, b) => a.ente.localeCompare(b.ente, 'it')),
  };
}

export async function ripartoToExcel(titolo: string, riparto: RipartoView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PUSH – Puglia Social Housing';
  const sheet = workbook.addWorksheet('Riparto', { views: [{ state: 'frozen', ySplit: 1 }] });
  const amount = { numFmt: EXCEL_EURO_FORMAT };
  const voci = VOCI_RIPARTO[riparto.tipo];
  const morosita = riparto.tipo === 'MOROSITA_INCOLPEVOLE';
  sheet.columns = [
    { header: 'Comune', key: 'ente', width: 36 },
    { header: 'Provincia', key: 'provincia', width: 22 },
    { header: 'ATA', key: 'ata', width: 6 },
    { header: 'Fabbisogno', key: 'fabbisogno', width: 16, style: amount },
    { header: voci.chiave, key: 'chiave', width: 16, style: amount },
    { header: voci.ordinaria, key: 'ordinaria', width: 16, style: amount },
    { header: voci.premiale, key: 'quotaPremiale', width: 16, style: amount },
    { header: 'Decurtazione ATA', key: 'penalita', width: 16, style: amount },
    { header: 'Ridistribuzione', key: 'redistribuzione', width: 16, style: amount },
    { header: 'Totale', key: 'totale', width: 16, style: amount },
    { header: 'Copertura del fabbisogno', key: 'copertura', width: 14, style: { numFmt: '0.00%' } },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: 'A1', to: 'K1' };
  for (const riga of riparto.righe) {
    sheet.addRow({
      ...riga,
      ata: riga.ata ? 'Sì' : 'No',
      fabbisogno: Number(riga.fabbisogno),
      chiave: Number(morosita ? riga.spesaRendicontata : riga.cofinanziamento),
      ordinaria: Number(riga.ordinaria),
      quotaPremiale: Number(riga.quotaPremiale),
      penalita: Number(riga.penalita),
      redistribuzione: Number(riga.redistribuzione),
      totale: Number(riga.totale),
    });
  }
  const totali = sheet.addRow({ ente: 'Totale', fabbisogno: Number(riparto.fabbisogno), totale: Number(riparto.assegnato) });
  totali.font = { bold: true };
  const info = workbook.addWorksheet('Informazioni');
  info.addRow(['Bando', titolo]);
  info.addRow(['Dotazione', Number(riparto.budget)]).getCell(2).numFmt = EXCEL_EURO_FORMAT;
  info.addRow(['Non assegnato', Number(riparto.nonAssegnato)]).getCell(2).numFmt = EXCEL_EURO_FORMAT;
  info.addRow(['Generato il', formatDateTime(new Date())]);
  info.getColumn(1).width = 24;
  info.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
