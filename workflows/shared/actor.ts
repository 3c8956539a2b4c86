// Who acts, and what they may do. Pure code: imported by workflows (update validators) and by the API.

export const RUOLI = ['RAPPRESENTANTE_LEGALE', 'REFERENTE', 'ISTRUTTORE', 'DIRIGENTE', 'AMMINISTRATORE'] as const;
export type Ruolo = (typeof RUOLI)[number];

export const AREE = ['PATRIMONIO', 'FONDO_AFFITTI', 'PIANI_VENDITA', 'PROGRAMMAZIONE', 'CANTIERI', 'COMUNICAZIONI'] as const;
export type Area = (typeof AREE)[number];

export interface RoleGrant {
  enteId: string;
  ruolo: Ruolo;
  area: Area | null;
}

/** The signed-in user as the API knows them, passed with every decision so the workflow can check it. */
export interface Actor {
  userId: string;
  codiceFiscale: string;
  nomeCompleto: string;
  roles: RoleGrant[];
  /** The colleagues away today whom this person substitutes: their tasks are this person's to do too. */
  sostituisce?: string[];
}

/**
 * Who may take a task: holders of a role (and area, when set) for an ente. That ente need not be the
 * task's own: the Comune capofila of an ambito acts for its Comuni (candidates from `ambitoCandidates`).
 */
export interface TaskCandidates {
  candidateEnteId: string;
  candidateRole: Ruolo;
  candidateArea: Area | null;
}

/** The tasks' roles a grant covers: a legal representative covers their referenti's tasks too. */
export const COVERED_ROLES: Readonly<Record<Ruolo, readonly Ruolo[]>> = {
  RAPPRESENTANTE_LEGALE: ['RAPPRESENTANTE_LEGALE', 'REFERENTE'],
  REFERENTE: ['REFERENTE'],
  ISTRUTTORE: ['ISTRUTTORE'],
  DIRIGENTE: ['DIRIGENTE'],
  AMMINISTRATORE: ['AMMINISTRATORE'],
};

/**
 * THE "may act" rule, for one grant: the candidate ente, a covered role, and the area (a grant without an
 * area — a legal representative — covers every area; a task without one is for every area). The workflow's
 * validators use it through holdsCandidacy; the inbox's query is built from the same table
 * (api/tasks/visibility.ts), and tests/workflows/shared/candidacy.test.ts runs one table of cases on both.
 */
export function grantCovers(grant: RoleGrant, task: TaskCandidates): boolean {
  return grant.enteId === task.candidateEnteId
    && COVERED_ROLES[grant.ruolo].includes(task.candidateRole)
    && (task.candidateArea === null || grant.area === null || grant.area === task.candidateArea);
}

export function holdsCandidacy(actor: Actor, task: TaskCandidates): boolean {
  return actor.roles.some((grant) => grantCovers(grant, task));
}

/** A person of the Region (any role): they see every ente's matters, as their office does. */
export function isRegioneUser(actor: Actor, regioneEnteId: string): boolean {
  return actor.roles.some((grant) => grant.enteId === regioneEnteId);
}

export function isAdministrator(actor: Actor, regioneEnteId: string): boolean {
  return actor.roles.some((grant) => grant.enteId === regioneEnteId && grant.ruolo === 'AMMINISTRATORE');
}
