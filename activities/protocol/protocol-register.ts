/** A registration request: the idempotency key makes a retried request return the same number. */
export interface RegistrationRequest {
  idempotencyKey: string;
  direction: 'ENTRATA' | 'USCITA';
  oggetto: string;
  /** Sender (in entrata) or recipient (in uscita). */
  corrispondente: string;
  workflowId: string;
}

export interface Registration {
  id: string;
  aoo: string;
  register: string;
  year: number;
  number: number;
  direction: 'ENTRATA' | 'USCITA';
  /** ISO date-time of the registration. */
  registeredAt: string;
}

/** The protocol register of the Region's AOO. Numbers are unique and gapless per register and year. */
export interface ProtocolRegister {
  register(request: RegistrationRequest): Promise<Registration>;
}

/** "N. 12/2026": how a protocol number is written for people. */
export function formatProtocolNumber(registration: Pick<Registration, 'number' | 'year'>): string {
  return `${registration.number}/${registration.year}`;
}
