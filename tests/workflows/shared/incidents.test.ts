import { isPecAddress } from '../../../workflows/shared/incidents';

describe('a corrected PEC address, as the workflow accepts it', () => {
  it('when it is an address in lower case, then it is accepted', () => {
    expect(isPecAddress('protocollo@pec.comune.bari.it')).toBe(true);
    expect(isPecAddress('ufficio.casa+erp@pec.fondazione-aurora.example')).toBe(true);
  });

  it('when it is not an address, has spaces or capitals, or is too long, then it is refused', () => {
    for (const value of ['', 'protocollo', 'protocollo@pec', '@pec.comune.bari.it', 'proto collo@pec.comune.bari.it', 'Protocollo@pec.comune.bari.it', 'a@b@pec.it', `${'a'.repeat(190)}@pec.bari.it`]) {
      expect([value, isPecAddress(value)]).toEqual([value, false]);
    }
  });
});
