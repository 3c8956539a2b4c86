// The protocol adapter's public face: the interface, its two implementations, the HTTP face any
// implementation can wear, and the segnatura check.
import type { Db } from '../../prisma/client';
import { createDatabaseProtocolRegister, type DatabaseProtocolRegisterSettings } from './database-protocol-register';
import type { ProtocolRegister } from './protocol-register';
import { createRemoteProtocolRegister, type RemoteProtocolRegisterSettings } from './remote-protocol-register';

export * from './protocol-register';
export { PROTOCOL_FAILURE, type ProtocolFailureCode } from './protocol-errors';
export { createDatabaseProtocolRegister, type DatabaseProtocolRegisterSettings } from './database-protocol-register';
export { createRemoteProtocolRegister, type RemoteProtocolRegisterSettings } from './remote-protocol-register';
export { createProtocolHttpRouter, type ProtocolHttpServerOptions } from './protocol-http-server';
export { verifySegnatura, type SegnaturaVerification } from './segnatura-signature';

export type ProtocolAdapterSettings =
  | ({ adapter: 'database'; db: Db } & DatabaseProtocolRegisterSettings)
  | ({ adapter: 'remote' } & RemoteProtocolRegisterSettings);

/** The register the configuration names: the platform's own (`database`) or a Region's service (`remote`). */
export function createProtocolRegister(settings: ProtocolAdapterSettings): ProtocolRegister {
  switch (settings.adapter) {
    case 'database':
      return createDatabaseProtocolRegister(settings.db, settings);
    case 'remote':
      return createRemoteProtocolRegister(settings);
    default: {
      const unknown: never = settings;
      throw new Error(`Unknown protocol adapter "${(unknown as { adapter: string }).adapter}": use "database" or "remote".`);
    }
  }
}
