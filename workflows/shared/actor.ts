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
}

/** Who may take a task: holders of a role (and area, when set) for an ente. */
export interface TaskCandidates {
  candidateEnteId: string;
  candidateRole: Ruolo;
  candidateArea: Area | null;
}

/** A legal representative covers every area of their ente; a referente only their own areas. */
export function holdsCandidacy(actor: Actor, task: TaskCandidates): boolean {
  return actor.roles.some(
    (grant) =>
      grant.enteId === task.candidateEnteId &&
      (grant.ruolo === task.candidateRole ||
        (task.candidateRole === 'REFERENTE' && grant.ruolo === 'RAPPRESENTANTE_LEGALE')) &&
      (task.candidateArea === null || grant.area === null || grant.area === task.candidateArea),
  );
}

/** A person of the Region (any role): they see every ente's matters, as their office does. */
export function isRegioneUser(actor: Actor, regioneEnteId: string): boolean {
  return actor.roles.some((grant) => grant.enteId === regioneEnteId);
}

export function isAdministrator(actor: Actor, regioneEnteId: string): boolean {
  return actor.roles.some((grant) => grant.enteId === regioneEnteId && grant.ruolo === 'AMMINISTRATORE');
}

/** Regione roles see every ente's data; others only the enti they hold a role for. */
export function seesEnte(actor: Actor, enteId: string, regioneEnteId: string): boolean {
  return isRegioneUser(actor, regioneEnteId) || actor.roles.some((grant) => grant.enteId === enteId);
}
