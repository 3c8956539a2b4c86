// Every check the validator makes, with a stable code (stored with each problem, so never renamed) and
// the Italian description the published docs and the report's summary print.
import type { Gravita } from './types';

export type Fase = 'sicurezza' | 'schema' | 'regole';

export interface Regola {
  codice: string;
  fase: Fase;
  gravita: Gravita;
  descrizione: string;
}

const regola = (codice: string, fase: Fase, gravita: Gravita, descrizione: string): Regola => ({ codice, fase, gravita, descrizione });

export const REGOLA = {
  fileTroppoGrande: 'FILE_TROPPO_GRANDE',
  fileVuoto: 'FILE_VUOTO',
  doctype: 'DOCTYPE_NON_AMMESSO',
  codifica: 'CODIFICA_NON_AMMESSA',
  utf8: 'UTF8_NON_VALIDO',
  troncato: 'FILE_TRONCATO',
  malformato: 'XML_MALFORMATO',
  annidamento: 'ANNIDAMENTO_ECCESSIVO',
  radice: 'ELEMENTO_RADICE_ERRATO',
  namespace: 'NAMESPACE_ERRATO',
  schema: 'SCHEMA_XSD',
  enteIntestazione: 'ENTE_INTESTAZIONE',
  dataRiferimentoDiversa: 'DATA_RIFERIMENTO_DIVERSA',
  dataRiferimentoSemestre: 'DATA_RIFERIMENTO_NON_SEMESTRALE',
  prefissoUnita: 'CODICE_UNITA_PREFISSO',
  duplicatoUnita: 'DUPLICATO_UNITA',
  duplicatoFabbricato: 'DUPLICATO_FABBRICATO',
  duplicatoCatasto: 'DUPLICATO_CATASTO',
  coerenzaFabbricato: 'COERENZA_FABBRICATO',
  comuneIstat: 'COMUNE_ISTAT',
  categoria: 'CATEGORIA_CATASTALE',
  dataVendita: 'DATA_VENDITA',
  annoCostruzione: 'ANNO_COSTRUZIONE',
  superficieFuoriLimiti: 'SUPERFICIE_FUORI_LIMITI',
  superficieInsolita: 'SUPERFICIE_INSOLITA',
  vani: 'VANI_INSOLITI',
  alienatoSenzaData: 'ALIENATO_SENZA_DATA_VENDITA',
  dataVenditaNonAlienato: 'DATA_VENDITA_NON_ALIENATO',
  locatoSenzaCanone: 'LOCATO_SENZA_CANONE',
  continuitaAssente: 'CONTINUITA_UNITA_ASSENTE',
  continuitaRipristinata: 'CONTINUITA_UNITA_RIPRISTINATA',
  omessi: 'PROBLEMI_OMESSI',
} as const;

export const REGOLE: readonly Regola[] = [
  regola(REGOLA.fileTroppoGrande, 'sicurezza', 'ERRORE', 'Il file supera la dimensione massima accettata.'),
  regola(REGOLA.fileVuoto, 'sicurezza', 'ERRORE', 'Il file è vuoto o non contiene un elemento XML.'),
  regola(REGOLA.doctype, 'sicurezza', 'ERRORE', 'Il file contiene una dichiarazione DOCTYPE (DTD o entità): non è ammessa, per sicurezza.'),
  regola(REGOLA.codifica, 'sicurezza', 'ERRORE', 'La dichiarazione XML indica una codifica diversa da UTF-8.'),
  regola(REGOLA.utf8, 'sicurezza', 'ERRORE', 'Il file contiene byte che non sono UTF-8 valido.'),
  regola(REGOLA.troncato, 'sicurezza', 'ERRORE', 'Il file è troncato: finisce prima che gli elementi aperti siano chiusi.'),
  regola(REGOLA.malformato, 'sicurezza', 'ERRORE', 'Il file non è XML ben formato.'),
  regola(REGOLA.annidamento, 'sicurezza', 'ERRORE', 'Il file annida gli elementi più in profondità di quanto un flusso possa fare.'),
  regola(REGOLA.radice, 'sicurezza', 'ERRORE', "L'elemento radice non è <FlussoPatrimoniale>."),
  regola(REGOLA.namespace, 'sicurezza', 'ERRORE', "L'elemento radice non è nel namespace urn:push:flusso-patrimoniale:1."),
  regola(REGOLA.schema, 'schema', 'ERRORE', 'Il flusso non rispetta lo schema XSD pubblicato (struttura, campi obbligatori, formati, valori ammessi).'),
  regola(REGOLA.enteIntestazione, 'regole', 'ERRORE', "Il codice dell'ente nell'intestazione non è quello dell'ente che trasmette."),
  regola(REGOLA.dataRiferimentoDiversa, 'regole', 'ERRORE', 'La data di riferimento del flusso non è quella richiesta.'),
  regola(REGOLA.dataRiferimentoSemestre, 'regole', 'ERRORE', 'La data di riferimento non è un 30 giugno o un 31 dicembre.'),
  regola(REGOLA.prefissoUnita, 'regole', 'ERRORE', "Il codice dell'unità non inizia con il codice dell'ente seguito da un trattino."),
  regola(REGOLA.duplicatoUnita, 'regole', 'ERRORE', 'Lo stesso codice di unità compare più volte.'),
  regola(REGOLA.duplicatoFabbricato, 'regole', 'ERRORE', 'Lo stesso codice di fabbricato compare più volte.'),
  regola(REGOLA.duplicatoCatasto, 'regole', 'ERRORE', 'Due unità dello stesso Comune hanno lo stesso foglio, particella e subalterno.'),
  regola(REGOLA.coerenzaFabbricato, 'regole', 'ERRORE', "Il fabbricato dell'unità non è nel flusso né nell'ultima trasmissione ufficiale."),
  regola(REGOLA.comuneIstat, 'regole', 'ERRORE', 'Il codice ISTAT del Comune del fabbricato non è tra quelli ammessi.'),
  regola(REGOLA.categoria, 'regole', 'AVVISO', "La categoria catastale di un'unità SAP o SAS non è una categoria abitativa (da A/1 ad A/11)."),
  regola(REGOLA.dataVendita, 'regole', 'ERRORE', 'La data di vendita è successiva alla data di riferimento o anteriore al 1900.'),
  regola(REGOLA.annoCostruzione, 'regole', 'ERRORE', "L'anno di costruzione non è tra il 1800 e l'anno della data di riferimento."),
  regola(REGOLA.superficieFuoriLimiti, 'regole', 'ERRORE', 'La superficie è inferiore a 10 m² o superiore a 1000 m².'),
  regola(REGOLA.superficieInsolita, 'regole', 'AVVISO', "La superficie è fuori dall'intervallo usuale di un alloggio (da 25 a 250 m²)."),
  regola(REGOLA.vani, 'regole', 'AVVISO', "Il numero di vani è fuori dall'intervallo usuale (da 1 a 20)."),
  regola(REGOLA.alienatoSenzaData, 'regole', 'ERRORE', "Un'unità ALIENATO non ha la data di vendita."),
  regola(REGOLA.dataVenditaNonAlienato, 'regole', 'AVVISO', "Un'unità non ALIENATO ha una data di vendita."),
  regola(REGOLA.locatoSenzaCanone, 'regole', 'AVVISO', "Un'unità LOCATO non ha il canone mensile."),
  regola(REGOLA.continuitaAssente, 'regole', 'ERRORE', "Un'unità presente nell'ultima trasmissione ufficiale manca nel flusso: va dichiarata ALIENATO o DEMOLITO."),
  regola(REGOLA.continuitaRipristinata, 'regole', 'AVVISO', "Un'unità ALIENATO o DEMOLITO nell'ultima trasmissione ufficiale torna in un altro stato."),
  // Not a check: the last entry of a list cut at PROBLEMS_LIMIT, an ERRORE when errors were left out.
  regola(REGOLA.omessi, 'regole', 'AVVISO', 'Il report elenca i primi problemi; gli altri sono contati ma non elencati.'),
];

const byCode = new Map(REGOLE.map((r) => [r.codice, r]));

/** The catalogue entry of a code; every code the validator emits is in REGOLE (a test walks them). */
export function descrizioneRegola(codice: string): string {
  return byCode.get(codice)?.descrizione ?? codice;
}
