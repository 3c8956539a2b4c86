// The procedures' PEC texts are templates: each renders, with the values its type asks for, into a subject
// and a text in Italian with dates gg/mm/aaaa; and no workflow or activity writes a PEC's text inline.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createMessageRenderer } from '../../../activities/notifications/messages';
import { MESSAGE_TITLES, message, type Message } from '../../../workflows/shared/messages';

const ROOT = path.join(__dirname, '../../..');

const SAMPLES: Message[] = [
  message('accreditamento-integrazione', { denominazione: 'Comune di Bari', scadenza: '2026-12-18T10:00:00.000Z', richiesta: 'Allegare l’atto di nomina firmato.' }),
  message('accreditamento-decadenza', { denominazione: 'Comune di Bari', protocollo: '12/2026', scadenza: '2026-12-18T10:00:00.000Z' }),
  message('accreditamento-rigetto', { denominazione: 'Comune di Bari', protocollo: '13/2026', motivazione: 'Il richiedente non è il rappresentante legale.' }),
  message('accreditamento-provvedimento', { denominazione: 'Comune di Bari', protocollo: '14/2026' }),
  message('flussi-ricevuta', { dataRiferimento: '2026-06-30', protocollo: '15/2026', unita: 379 }),
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
        if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value)) expect(`${oggetto}\n${testo}`).toContain(value);
      }
    }
    const reminder = renderer.render(SAMPLES.at(-1)!);
    expect(reminder.oggetto).toBe('Ricognizione del patrimonio ERP al 31/12/2026 – sollecito');
    expect(reminder.testo).toContain('il termine del 28/02/2027 è scaduto');
    expect(renderer.render(SAMPLES[0]!).testo).toContain('entro il 18/12/2026');
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
