// Reads a flusso XML back into the generator's model, so tests can check what was written (not only
// what was generated) and that writing loses nothing. A test helper over saxes, not the platform loader.
import { SaxesParser } from 'saxes';
import type { Fabbricato, FlussoPatrimoniale, StatoConservazione, StatoUnita, Unita, UsoUnita } from '../../../scripts/generate-stock';

export function parseFlusso(xml: string): FlussoPatrimoniale {
  const flusso: FlussoPatrimoniale = { ente: { codice: '' }, dataRiferimento: '', dataProduzione: '', fabbricati: [], unita: [] };
  const parser = new SaxesParser();
  const path: string[] = [];
  let fabbricato: Fabbricato | undefined;
  let unita: Unita | undefined;
  let text = '';

  parser.on('opentag', (tag) => {
    path.push(tag.name);
    text = '';
    const attr = tag.attributes as Record<string, string>;
    const parent = path[path.length - 2];
    if (tag.name === 'Ente') {
      flusso.ente = attr.codiceFiscale === undefined ? { codice: attr.codice ?? '' } : { codice: attr.codice ?? '', codiceFiscale: attr.codiceFiscale };
    } else if (tag.name === 'Fabbricato' && parent === 'Fabbricati') {
      fabbricato = { codice: attr.codice ?? '', indirizzo: '', comuneIstat: '' };
    } else if (tag.name === 'Unita') {
      unita = { codice: attr.codice ?? '', fabbricato: '', catasto: { foglio: '', particella: '', subalterno: '', categoria: '' }, superficie: 0, uso: 'SAP', stato: 'LOCATO' };
    } else if (tag.name === 'Catasto' && unita) {
      unita.catasto = { foglio: attr.foglio ?? '', particella: attr.particella ?? '', subalterno: attr.subalterno ?? '', categoria: attr.categoria ?? '' };
    }
  });
  parser.on('text', (chunk) => { text += chunk; });
  parser.on('closetag', (tag) => {
    path.pop();
    const value = text.trim();
    if (tag.name === 'DataRiferimento') flusso.dataRiferimento = value;
    else if (tag.name === 'DataProduzione') flusso.dataProduzione = value;
    else if (tag.name === 'Fabbricato' && fabbricato && !unita) {
      flusso.fabbricati.push(fabbricato);
      fabbricato = undefined;
    } else if (tag.name === 'Unita' && unita) {
      flusso.unita.push(unita);
      unita = undefined;
    } else if (unita) {
      setUnitField(unita, tag.name, value);
    } else if (fabbricato) {
      setBuildingField(fabbricato, tag.name, value);
    }
    text = '';
  });
  parser.write(xml).close();
  return flusso;
}

function setBuildingField(f: Fabbricato, name: string, value: string): void {
  if (name === 'Indirizzo') f.indirizzo = value;
  else if (name === 'ComuneIstat') f.comuneIstat = value;
  else if (name === 'Latitudine') f.latitudine = Number(value);
  else if (name === 'Longitudine') f.longitudine = Number(value);
  else if (name === 'AnnoCostruzione') f.annoCostruzione = Number(value);
  else if (name === 'Piani') f.piani = Number(value);
  else if (name === 'StatoConservazione') f.statoConservazione = value as StatoConservazione;
}

function setUnitField(u: Unita, name: string, value: string): void {
  if (name === 'Fabbricato') u.fabbricato = value;
  else if (name === 'Superficie') u.superficie = Number(value);
  else if (name === 'Vani') u.vani = Number(value);
  else if (name === 'Uso') u.uso = value as UsoUnita;
  else if (name === 'Stato') u.stato = value as StatoUnita;
  else if (name === 'DataVendita') u.dataVendita = value;
  else if (name === 'CanoneMensile') u.canoneMensile = Number(value);
}
