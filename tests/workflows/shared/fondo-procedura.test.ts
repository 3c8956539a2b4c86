// The rent-support procedures' own rules, as their validators apply them: an application within its window
// and its bands' caps (a late one refused naming the date), a liquidation of Comuni with a share not yet
// paid and an act not in the future, a rendicontazione within the share and the co-funding.
import { FASCE_DEFAULTS } from '../../../workflows/shared/fondo-affitti/bando';
import { controllaDomanda, controllaLiquidazione, controllaRendicontazione } from '../../../workflows/shared/fondo-affitti/procedura';
import type { DecisionOf } from '../../../workflows/shared/forms';

const bando = { fasce: FASCE_DEFAULTS, apertura: '2027-02-28T23:00:00.000Z', scadenza: '2027-04-30T21:59:59.999Z' };
const domanda: DecisionOf<'domanda-fondo-affitti'> = {
  fasce: { A: { ricevute: 30, ammissibili: 20, esclusi: 10, fabbisogno: '50000.00' }, B: { ricevute: 10, ammissibili: 5, esclusi: 5, fabbisogno: '8000.00' } },
  cofinanziamento: '9000.00',
  attoCofinanziamento: 'DGC n. 12',
  bandoComunaleDocumentId: '0b0e6a1c-93d2-4f47-9d3e-1c1f4f8a3b21',
  graduatoriaDocumentId: '1b0e6a1c-93d2-4f47-9d3e-1c1f4f8a3b21',
};

describe('the rent-support procedures’ rules', () => {
  it('when an application comes before the window, within it or after it, then only within it is it taken, and a late one is told the date', () => {
    expect(controllaDomanda(domanda, bando, Date.parse('2027-02-28T22:59:59Z'))).toEqual({ field: null, message: 'Le domande si presentano dal 28/02/2027.' });
    expect(controllaDomanda(domanda, bando, Date.parse('2027-04-30T21:59:59Z'))).toBeNull();
    expect(controllaDomanda(domanda, bando, Date.parse('2027-04-30T22:00:00Z'))).toEqual({ field: null, message: 'Il termine per presentare la domanda è scaduto il 30/04/2027 alle 23:59.' });
  });

  it('when a band\'s need exceeds its eligible applications at the band\'s maximum, then the field is named with the cap', () => {
    const sopra = { ...domanda, fasce: { ...domanda.fasce, B: { ...domanda.fasce.B, fabbisogno: '11620.31' } } };
    // 5 × 2.324,06 € = 11.620,30 €.
    expect(controllaDomanda(sopra, bando, Date.parse('2027-03-15T10:00:00Z'))).toEqual({
      field: 'fasce.B.fabbisogno',
      message: 'Fascia B – fabbisogno: 11.620,31\u00a0€ supera 5 domande ammissibili per il contributo massimo di 2.324,06\u00a0€ (11.620,30\u00a0€).',
    });
  });

  it('when a liquidation is recorded, then it names Comuni with a share, each once and not paid yet, by an act not in the future', () => {
    const quote = new Map([['bari', '50000.00'], ['lecce', '20000.00']]);
    const now = Date.parse('2027-09-15T10:00:00Z');
    const liquida = (enteIds: string[], dataAtto = '2027-09-15', liquidati = new Set<string>()) => controllaLiquidazione({ enteIds, numeroAtto: '55', dataAtto }, quote, liquidati, now)?.field;
    expect(liquida(['bari', 'lecce'])).toBeUndefined();
    expect(liquida([])).toBe('enteIds');
    expect(liquida(['bari', 'bari'])).toBe('enteIds');
    expect(liquida(['foggia'])).toBe('enteIds');
    expect(liquida(['bari'], '2027-09-15', new Set(['bari']))).toBe('enteIds');
    expect(liquida(['bari'], '2027-09-16')).toBe('dataAtto');
  });

  it('when a rendicontazione is sent, then what was paid fits the share and the co-funding, and the residual the share less what was paid', () => {
    const fondi = { quota: '50000.00', cofinanziamento: '9000.00' };
    const resa = (pagatoA: string, pagatoB: string, residuo: string) => controllaRendicontazione({
      pagatoA, beneficiariA: 20, pagatoB, beneficiariB: 5, residuo, relazioneDocumentId: '0b0e6a1c-93d2-4f47-9d3e-1c1f4f8a3b21',
    }, fondi);
    expect(resa('40000.00', '8000.00', '2000.00')).toBeNull();
    // Paid from the share and the co-funding together: 59.000,00 € at most.
    expect(resa('51000.00', '8000.00', '0.00')).toBeNull();
    expect(resa('51000.00', '8000.01', '0.00')).toEqual({ field: 'pagatoA', message: 'Importo pagato: 59.000,01\u00a0€ supera la quota assegnata e il cofinanziamento comunale insieme (59.000,00\u00a0€).' });
    expect(resa('40000.00', '8000.00', '2000.01')).toEqual({ field: 'residuo', message: 'Fondi residui: al massimo 2.000,00\u00a0€, la quota assegnata meno quanto pagato.' });
  });
});
