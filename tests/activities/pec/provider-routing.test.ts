// Which recipients the local provider delivers to, and which it answers with a mancata consegna.
import { route } from '../../../platform/pec-provider/routing';

const defaults = { nonexistentDomains: ['pec-inesistente.example'], nonexistentLocalPartPrefix: 'inesistente' };

describe('local provider routing', () => {
  it('when no served domains are configured, then every address is delivered except the nonexistent ones', () => {
    expect(route('protocollo@pec.comune.bari.it', defaults)).toEqual({ deliver: true });
    expect(route('Protocollo@PEC-Inesistente.example', defaults)).toMatchObject({ deliver: false, errore: 'no-dominio' });
    expect(route('Inesistente.ufficio@pec.comune.bari.it', defaults)).toMatchObject({ deliver: false, errore: 'no-dest' });
  });

  it('when served domains are configured, then an address elsewhere gets no-dominio', () => {
    const settings = { ...defaults, servedDomains: ['pec.comune.bari.it'] };
    expect(route('protocollo@PEC.comune.bari.it', settings)).toEqual({ deliver: true });
    expect(route('protocollo@pec.comune.lecce.it', settings)).toMatchObject({ deliver: false, errore: 'no-dominio', erroreEsteso: expect.stringContaining('non servito') });
  });
});
