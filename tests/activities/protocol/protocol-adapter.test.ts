import { createProtocolRegister, type ProtocolAdapterSettings } from '../../../activities/protocol';

describe('protocol adapter choice', () => {
  it('when the configuration names an unknown adapter, then the error names the choices', () => {
    const settings = { adapter: 'fax' } as unknown as ProtocolAdapterSettings;
    expect(() => createProtocolRegister(settings)).toThrow('Unknown protocol adapter "fax": use "database" or "remote".');
  });

  it('when the register code is not a valid CodiceRegistro, then the database adapter refuses to start', () => {
    const settings = { adapter: 'database', db: {}, aoo: 'AOO', register: 'PROTOCOLLO GENERALE' } as unknown as ProtocolAdapterSettings;
    expect(() => createProtocolRegister(settings)).toThrow(/not a valid CodiceRegistro/);
  });
});
