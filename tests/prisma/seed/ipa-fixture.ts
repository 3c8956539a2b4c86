// A small IPA "Enti" file with the dataset's real columns, built row by row so each test case reads clearly.
const COLUMNS = [
  'Codice_IPA', 'Denominazione_ente', 'Codice_fiscale_ente', 'Tipologia', 'Codice_Categoria', 'Codice_natura',
  'Codice_ateco', 'Ente_in_liquidazione', 'Codice_MIUR', 'Codice_ISTAT', 'Acronimo', 'Nome_responsabile',
  'Cognome_responsabile', 'Titolo_responsabile', 'Codice_comune_ISTAT', 'Codice_catastale_comune', 'CAP',
  'Indirizzo', 'Mail1', 'Tipo_Mail1', 'Mail2', 'Tipo_Mail2', 'Mail3', 'Tipo_Mail3', 'Mail4', 'Tipo_Mail4',
  'Mail5', 'Tipo_Mail5', 'Sito_istituzionale', 'Url_facebook', 'Url_twitter', 'Url_linkedin', 'Url_youtube',
  'Data_aggiornamento',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

const PA = { Tipologia: 'Pubbliche Amministrazioni', Data_aggiornamento: '2026-10-01' };

export const IPA_ROWS: Row[] = [
  {
    ...PA, Codice_IPA: 'c_a662', Denominazione_ente: 'Comune di Bari', Codice_fiscale_ente: '80015010723',
    Codice_Categoria: 'L6', Codice_comune_ISTAT: '072006', Codice_catastale_comune: 'A662', CAP: '70122',
    Indirizzo: 'Corso Vittorio Emanuele II, 84',
    Mail1: 'urp@comune.bari.example', Tipo_Mail1: 'Altro',
    Mail2: 'protocollo@pec.comune.bari.example', Tipo_Mail2: 'Pec',
    Mail3: 'ragioneria@pec.comune.bari.example', Tipo_Mail3: 'Pec',
  },
  // An association of Comuni seated in Bari: same category and ISTAT code, but not the Comune.
  {
    ...PA, Codice_IPA: 'uc_esempio', Denominazione_ente: 'Unione dei Comuni "Terra di Bari"',
    Codice_fiscale_ente: '80004530731', Codice_Categoria: 'L6', Codice_comune_ISTAT: '072006',
    Codice_catastale_comune: 'A662', Mail1: 'unione@pec.example', Tipo_Mail1: 'Pec',
  },
  // The Region, seated in Bari too, in another category.
  {
    ...PA, Codice_IPA: 'r_puglia', Denominazione_ente: 'Regione Puglia', Codice_fiscale_ente: '80017210727',
    Codice_Categoria: 'L4', Codice_comune_ISTAT: '072006', Codice_catastale_comune: 'A662',
    Mail1: 'protocollo@pec.rupar.puglia.example', Tipo_Mail1: 'Pec',
  },
  // Leading zero lost by a spreadsheet; "null" in empty mail cells, as some exports have.
  {
    ...PA, Codice_IPA: 'c_e506', Denominazione_ente: 'Comune di Lecce', Codice_fiscale_ente: '80008510754',
    Codice_Categoria: 'L6', Codice_comune_ISTAT: '75035', Codice_catastale_comune: 'E506',
    Mail1: 'protocollo@pec.comune.lecce.example', Tipo_Mail1: 'Pec', Mail2: 'null', Tipo_Mail2: 'null',
  },
  // Wrong check digit (the right one is 00363460718): the whole row is skipped.
  {
    ...PA, Codice_IPA: 'c_d643', Denominazione_ente: 'Comune di Foggia', Codice_fiscale_ente: '00363460719',
    Codice_Categoria: 'L6', Codice_comune_ISTAT: '071024', Codice_catastale_comune: 'D643',
    Mail1: 'protocollo.generale@cert.comune.foggia.example', Tipo_Mail1: 'Pec',
  },
  // No PEC listed: the codice fiscale is imported, the PEC left as it is.
  {
    ...PA, Codice_IPA: 'c_a225', Denominazione_ente: 'Comune di Altamura', Codice_fiscale_ente: '82002590725',
    Codice_Categoria: 'L6', Codice_comune_ISTAT: '072004', Codice_catastale_comune: 'A225',
    Mail1: 'info@comune.altamura.example', Tipo_Mail1: 'Altro',
  },
  // Outside Puglia: read, but matches no ente of the platform.
  {
    ...PA, Codice_IPA: 'c_f205', Denominazione_ente: 'Comune di Milano', Codice_fiscale_ente: '01199250158',
    Codice_Categoria: 'L6', Codice_comune_ISTAT: '015146', Codice_catastale_comune: 'F205',
    Mail1: 'protocollo@postacert.comune.milano.example', Tipo_Mail1: 'Pec',
  },
];

function quote(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rows as the CSV text IPA publishes (comma-separated, CRLF), or with another delimiter. */
export function ipaCsv(rows: readonly Row[] = IPA_ROWS, delimiter = ','): string {
  const lines = [COLUMNS.join(delimiter)];
  for (const row of rows) lines.push(COLUMNS.map((column) => quote(row[column] ?? '', delimiter)).join(delimiter));
  return `${lines.join('\r\n')}\r\n`;
}
