import type { Db } from '../prisma/client';
import { createCommunicationActivities } from './communications/communications';
import type { ProtocolRegister, RegistrationRequest } from './protocol/protocol-register';
import { createTaskProjection } from './tasks/task-projection';

export interface ActivityDeps {
  db: Db;
  protocol: ProtocolRegister;
}

/** All activities, built over the adapters: tests pass real local adapters, production configured ones. */
export function createActivities({ db, protocol }: ActivityDeps) {
  return {
    ...createTaskProjection(db),
    ...createCommunicationActivities(db),
    registerProtocol: (request: RegistrationRequest) => protocol.register(request),
  };
}

export type Activities = ReturnType<typeof createActivities>;
