import type { Db } from '../prisma/client';
import { createAccreditationActivities } from './accreditation/accreditation';
import { createActActivities } from './acts/produce-act';
import { createCommunicationActivities } from './communications/communications';
import { createDigestActivities } from './digest/task-digest';
import { classifyFailures } from './failures';
import type { DocumentStore } from './documents/document-store';
import { createFlussoActivities } from './flussi/flusso-activities';
import { createFondoActivities } from './fondo-affitti/fondo-activities';
import { createLiquidazioniActivities } from './fondo-affitti/liquidazioni-activities';
import { createIncidentActivities } from './incidents/incidents';
import type { Mailer } from './mail/mailer';
import { createPecActivities } from './notifications/pec-activities';
import type { PdfRenderer } from './pdf/pdf-renderer';
import type { PecService } from './pec/pec';
import type { ProtocolRegister, RegistrationRequest } from './protocol/protocol-register';
import { createRicognizioneActivities } from './ricognizione/ricognizione-activities';
import type { Signer } from './signature/signer';
import { createAmbitoActivities } from './tasks/ambito-candidates';
import { createTaskProjection } from './tasks/task-projection';
import { createTaskSubmissionActivities } from './tasks/task-submissions';

export interface ActivityDeps {
  db: Db;
  /** The same database for the bulk loads, which stream COPY on a connection of their own. */
  databaseUrl: string;
  protocol: ProtocolRegister;
  documents: DocumentStore;
  pdf: PdfRenderer;
  signer: Signer;
  pec: PecService;
  /** Ordinary e-mail (the morning digest of tasks). */
  mailer: Mailer;
  /** Where people reach the platform: the links in e-mails. */
  publicUrl: string;
}

/**
 * All activities, built over the adapters: tests pass real local adapters, production configured ones.
 * A failure no retry can mend becomes non-retryable here, for all of them (./failures).
 */
export function createActivities(deps: ActivityDeps) {
  const { db, protocol } = deps;
  return classifyFailures({
    ...createTaskProjection(db),
    ...createTaskSubmissionActivities(db),
    ...createAmbitoActivities(db),
    ...createCommunicationActivities(db),
    ...createAccreditationActivities(db),
    ...createIncidentActivities(db),
    ...createActActivities(deps),
    ...createPecActivities(deps),
    ...createFlussoActivities(deps),
    ...createRicognizioneActivities(deps),
    ...createDigestActivities(deps),
    ...createFondoActivities(deps),
    ...createLiquidazioniActivities(deps),
    registerProtocol: (request: RegistrationRequest) => protocol.register(request),
  });
}

export type Activities = ReturnType<typeof createActivities>;
