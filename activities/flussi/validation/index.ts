// The flusso validator: validateFlusso for the activity, the rule catalogue for the docs, the reports.
export { validateFlusso, revalidateFlusso, DEFAULT_MAX_BYTES } from './validate';
export { REGOLE, REGOLA, descrizioneRegola, type Regola, type Fase } from './rules-catalog';
export { PROBLEMS_LIMIT } from './problems';
export { FLUSSO_NAMESPACE } from './read-flusso';
export { FLUSSO_XSD } from './schema';
export { reportToExcel } from './report-excel';
export { reportHtmlData, PDF_PROBLEMS_LIMIT, type ReportHtmlData } from './report-html';
export { ESITO_ETICHETTA, type ReportMeta, type StoredReport } from './report-data';
export type * from './types';
