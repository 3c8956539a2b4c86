// A task's history in words (api/tasks/history.ts): people by name, reasons, dates as in Italy, outcomes
// by their labels; never an id or a field name.
import { describeTaskEvent, peopleNamedIn } from '../../api/tasks/history';
import { PRESA_AL_COMPLETAMENTO, RUOLO_REVOCATO } from '../../workflows/shared/tasks';

const names = new Map([['7d4c1c1e-5f43-4a43-9d0a-0f0e3d2b1a10', 'Giulia Ferrante']]);

describe('task history in words', () => {
  it('names the colleague a task was given to, and says why it went back to its group', () => {
    const reassigned = { tipo: 'RIASSEGNATA', details: { assigneeId: '7d4c1c1e-5f43-4a43-9d0a-0f0e3d2b1a10' } };
    expect(peopleNamedIn(reassigned.details)).toEqual(['7d4c1c1e-5f43-4a43-9d0a-0f0e3d2b1a10']);
    expect(describeTaskEvent(reassigned, 'presa-in-carico', names)).toBe('A Giulia Ferrante');
    expect(describeTaskEvent({ tipo: 'PRESA_IN_CARICO', details: { assigneeId: '7d4c1c1e-5f43-4a43-9d0a-0f0e3d2b1a10' } }, 'presa-in-carico', names)).toBe('');
    expect(describeTaskEvent({ tipo: 'RILASCIATA', details: { assigneeId: null, motivo: RUOLO_REVOCATO } }, 'presa-in-carico', names))
      .toBe('Perché il ruolo di chi l’aveva in carico è stato revocato');
    expect(describeTaskEvent({ tipo: 'PRESA_IN_CARICO', details: { assigneeId: '7d4c1c1e-5f43-4a43-9d0a-0f0e3d2b1a10', motivo: PRESA_AL_COMPLETAMENTO } }, 'presa-in-carico', names))
      .toBe('Al completamento: nessuno l’aveva presa in carico prima');
  });

  it('gives a new due date in Italian time, and an outcome by its label', () => {
    expect(describeTaskEvent({ tipo: 'SCADENZA_MODIFICATA', details: { dueAt: '2027-01-31T22:59:59.000Z' } }, 'trasmissione-flusso', names)).toBe('Nuova scadenza: 31/01/2027, 23:59');
    expect(describeTaskEvent({ tipo: 'COMPLETATA', details: { esito: 'NON_DI_COMPETENZA', note: 'Altro ufficio' } }, 'presa-in-carico', names)).toBe('Esito: Non di competenza');
    expect(describeTaskEvent({ tipo: 'COMPLETATA', details: { risposta: 'Allego.' } }, 'integrazione-accreditamento', names)).toBe('');
  });
});
