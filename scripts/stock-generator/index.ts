/** The regional stock generator: plan, one ente's flusso, the next semester, XML, the whole region. */
export { addDays, assertDataRiferimento, daysBetween, nextDataRiferimento } from './dates';
export { DEFAULT_DATA_RIFERIMENTO, STATE_MIX, generateEnteFlusso, type GenerateOptions } from './ente';
export {
  FLUSSO_NAMESPACE, FLUSSO_VERSIONE, STATI_CONSERVAZIONE, StatoUnita, UsoUnita,
  type Catasto, type Fabbricato, type FlussoPatrimoniale, type StatoConservazione, type Unita,
} from './model';
export { nextSemesterFlusso, type NextSemesterOptions, type SemesterChanges } from './next-semester';
export {
  ARCA_UNITS_TOTAL, COMUNI_UNITS_TOTAL, COMUNI_WITH_STOCK, planRegionalStock,
  type ComuneQuota, type EnteStock, type PlanOptions,
} from './plan';
export { Random, deriveSeed } from './random';
export {
  MANIFEST_FILE, writeRegionalStock, type FlussoFileSummary, type RegionalStockOptions, type RegionalStockSummary,
} from './regional';
export { ARCA } from './territory';
export { flussoXmlChunks, renderFlusso, writeFlusso } from './xml';
