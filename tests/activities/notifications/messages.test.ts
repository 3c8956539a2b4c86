// The procedures' PEC texts are templates: each renders, with the values its type asks for, into a subject
// and a text in Italian with dates gg/mm/aaaa; and no workflow or activity writes a PEC's text inline.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createMessageRenderer } from '../../../activities/notifications/messages';
import { MESSAGE_TITLES, message, type Message } from '../../../workflows/shared/messages';
import { formatEuro } from '../../../workflows/shared/money';

const ROOT = path.join(__dirname, '../../..');

const SAMPLES: Message[] = [
  message('accreditamento-integrazione', { denominazione: 'Comune di Bari', scadenza: '2026-12-18T10:00:00.000Z', richiesta: 'Allegare l’atto di nomina firmato.' }),
  message('accreditamento-decadenza', { denominazione: 'Comune di Bari', protocollo: '12/2026', scadenza: '2026-12-18T10:00:00.000Z' }),
  message('accreditamento-rigetto', { denominazione: 'Comune di Bari', protocollo: '13/2026', motivazione: 'Il richiedente non è il rappresentante legale.' }),
  message('accreditamento-provvedimento', { denominazione: 'Comune di Bari', protocollo: '14/2026' }),
  message('flussi-ricevuta', { dataRiferimento: '2026-06-30', protocollo: '15/2026', unita: 379 }),
  message('fondo-avvio', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', protocollo: '311/2027', apertura: '2027-02-28T23:00:00.000Z', scadenza: '2027-04-30T21:59:59.999Z' }),
  message('fondo-sollecito', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', scadenza: '2027-04-30T21:59:59.999Z', scaduto: false }),
  message('fondo-proroga', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', scadenza: '2027-05-31T21:59:59.999Z' }),
  message('fondo-ricevuta', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', protocollo: '402/2027', fabbisogno: '348728.00' }),
  message('fondo-integrazione', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', scadenza: '2027-06-10T10:00:00.000Z', richiesta: 'Allegare la delibera di cofinanziamento.' }),
  message('fondo-decadenza', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', protocollo: '402/2027', scadenza: '2027-06-10T10:00:00.000Z' }),
  message('fondo-esclusione', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', protocollo: '402/2027', motivazione: 'La graduatoria allegata non è quella approvata.' }),
  message('fondo-quota', { denominazione: 'Comune di Barletta', titoloBando: 'Fondo sostegno locazioni 2027', protocollo: '977/2027', quota: '1305185.94', fabbisogno: '1730000.00', copertura: '75,43\u00a0%', scoperto: true }),
  message('fondo-liquidazione', { denominazione: 'Comune di Barletta', titoloBando: 'Fondo sostegno locazioni 2027', importo: '1305185.94', numeroAtto: '412', dataAtto: '2027-09-15', scadenza: '2027-11-14T10:00:00.000Z' }),
  message('fondo-rendicontazione-integrazione', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', scadenza: '2028-01-10T10:00:00.000Z', richiesta: 'Allegare i mandati di pagamento della fascia B.' }),
  message('fondo-rendicontazione-sollecito', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', scadenza: '2027-11-14T10:00:00.000Z' }),
  message('fondo-rendicontazione-mancata', { denominazione: 'Comune di Bari', titoloBando: 'Fondo sostegno locazioni 2027', scadenza: '2028-01-10T10:00:00.000Z' }),
  message('ricognizione-avvio', { denominazione: 'ARCA Puglia Centrale', dataRiferimento: '2026-12-31T00:00:00.000Z', scadenza: '2027-02-28T22:59:59.000Z' }),
  message('ricognizione-sollecito', { denominazione: 'ARCA Puglia Centrale', dataRiferimento: '2026-12-31T00:00:00.000Z', scadenza: '2027-02-28T22:59:59.000Z', scaduto: true }),
];

describe('message templates', () => {
  const renderer = createMessageRenderer();

  it('exist for every message a procedure may send, and nothing else', () => {
    expect(renderer.names).toEqual(Object.keys(MESSAGE_TITLES).sort());
    expect(SAMPLES.map((sample) => sample.modello).sort()).toEqual(renderer.names);
  });

  it('render a subject and a text with Italian dates and every value', () => {
    for (const sample of SAMPLES) {
      const { oggetto, testo } = renderer.render(sample);
      expect(oggetto.length).toBeGreaterThan(10);
      expect(testo).not.toMatch(/\{\{|\bundefined\b|\bnull\b|\d{4}-\d{2}-\d{2}/);
      for (const value of Object.values(sample.valori)) {
        if (typeof value !== 'string' || /^\d{4}-\d{2}-\d{2}/.test(value)) continue;
        // Amounts travel as decimal strings and are written 1.234,56 €.
        expect(`${oggetto}\n${testo}`).toContain(/^\d+\.\d{2}$/.test(value) ? formatEuro(value) : value);
      }
    }
    const reminder = renderer.render(SAMPLES.at(-1)!);
    expect(reminder.oggetto).toBe('Ricognizione del patrimonio ERP al 31/12/2026 – sollecito');
    expect(reminder.testo).toContain('il termine del 28/02/2027 è scaduto');
    expect(renderer.render(SAMPLES[0]!).testo).toContain('entro il 18/12/2026');
    const quota = renderer.render(SAMPLES.find((sample) => sample.modello === 'fondo-quota')!);
    expect(quota.testo).toContain('la quota di 1.305.185,94\u00a0€ a fronte di un fabbisogno ammesso di 1.730.000,00\u00a0€');
    expect(quota.testo).toContain('(copertura: 75,43\u00a0%)');
    const liquidazione = renderer.render(SAMPLES.find((sample) => sample.modello === 'fondo-liquidazione')!);
    expect(liquidazione.testo).toContain('con l\'atto n. 412 del 15/09/2027 la Regione ha liquidato al Comune la quota di 1.305.185,94\u00a0€');
    expect(liquidazione.testo).toContain('Entro il 14/11/2027 il Comune rendiconta');
  });

  it('refuse a value the text needs and the workflow did not give', () => {
    expect(() => renderer.render({ modello: 'accreditamento-rigetto', valori: { denominazione: 'Comune di Bari' } } as never)).toThrow();
  });

  it('are the only PEC texts in the workflows and activities', async () => {
    const inline: string[] = [];
    for (const dir of ['workflows', 'activities']) {
      const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
      for (const entry of entries.filter((candidate) => candidate.isFile() && candidate.name.endsWith('.ts'))) {
        const file = path.join(entry.parentPath, entry.name);
        const text = await readFile(file, 'utf8');
        if (/(sendPec|pec\.send)\(\{[^}]*?(testo|text): `/s.test(text)) inline.push(path.relative(ROOT, file));
      }
    }
    expect(inline).toEqual([]);
  });
});
