// The campaign's status as an Excel sheet for the Region's offices: one row per ente in scope.
import ExcelJS from 'exceljs';
import { dataItaliana, formatDateTime } from '../../workflows/shared/dates';
import { ESITO_LABEL, type CampaignRow } from './campaign-status';

const TIPO_LABEL: Record<string, string> = { ARCA: 'ARCA', ALER: 'ALER', COMUNE: 'Comune' };

export async function campaignToExcel(rows: readonly CampaignRow[], meta: { dataRiferimento: string; scadenza: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PUSH – Puglia Social Housing';
  const sheet = workbook.addWorksheet('Ricognizione', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Ente', key: 'ente', width: 40 },
    { header: 'Tipo', key: 'tipo', width: 10 },
    { header: 'Accreditato', key: 'accreditato', width: 12 },
    { header: 'PEC', key: 'pec', width: 34 },
    { header: 'Esito', key: 'esito', width: 20 },
    { header: 'Trasmesso il', key: 'trasmessoAt', width: 18, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
    { header: 'In ritardo', key: 'inRitardo', width: 11 },
    { header: 'Solleciti', key: 'solleciti', width: 10 },
    { header: 'Unità in patrimonio', key: 'unita', width: 18, style: { numFmt: '#,##0' } },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: 'A1', to: 'I1' };
  for (const row of rows) {
    sheet.addRow({
      ente: row.denominazione,
      tipo: TIPO_LABEL[row.tipo] ?? row.tipo,
      accreditato: row.accreditato ? 'Sì' : 'No',
      pec: row.pec,
      esito: ESITO_LABEL[row.esito],
      trasmessoAt: row.trasmessoAt,
      inRitardo: row.inRitardo ? 'Sì' : 'No',
      solleciti: row.solleciti,
      unita: row.unita,
    });
  }
  const info = workbook.addWorksheet('Informazioni');
  info.addRow(['Ricognizione del patrimonio ERP al', dataItaliana(meta.dataRiferimento)]);
  info.addRow(['Scadenza', formatDateTime(meta.scadenza)]);
  info.addRow(['Generato il', formatDateTime(new Date())]);
  info.getColumn(1).width = 36;
  info.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
