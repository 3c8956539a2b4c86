import type { Db } from '../../prisma/client';
import type { Area, Ruolo } from '../../prisma/generated/client';

/** A person the test identity provider can authenticate, as SPID would assert them. */
export interface Identity {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email: string | null;
}

/** An identity offered on the login page, with what it may do in PUSH so a tester picks the right one. */
export interface ListedIdentity extends Identity {
  descrizione: string;
}

/** The page is for people choosing by eye: past this many users a list stops being useful. */
const MAX_LISTED = 500;

const RUOLO_LABEL: Record<Ruolo, string> = {
  RAPPRESENTANTE_LEGALE: 'Rappresentante legale',
  REFERENTE: 'Referente',
  ISTRUTTORE: 'Istruttore',
  DIRIGENTE: 'Dirigente',
  AMMINISTRATORE: 'Amministratore',
};

const AREA_LABEL: Record<Area, string> = {
  PATRIMONIO: 'Patrimonio',
  FONDO_AFFITTI: 'Fondo affitti',
  PIANI_VENDITA: 'Piani di vendita',
  PROGRAMMAZIONE: 'Programmazione',
  CANTIERI: 'Cantieri',
  COMUNICAZIONI: 'Comunicazioni',
};

interface ActiveRole {
  ruolo: Ruolo;
  area: Area | null;
  ente: { denominazione: string };
}

/** "Referente (Patrimonio, Cantieri) – Comune di Bari; Istruttore – Regione Puglia". */
export function describeRoles(roles: readonly ActiveRole[]): string {
  if (roles.length === 0) return 'Nessun ruolo attivo';
  // A referente holds one row per area: group them so each ente and role reads once.
  const groups = new Map<string, { ruolo: Ruolo; ente: string; aree: Area[] }>();
  for (const role of roles) {
    const key = `${role.ente.denominazione}\u0000${role.ruolo}`;
    const group = groups.get(key) ?? { ruolo: role.ruolo, ente: role.ente.denominazione, aree: [] };
    if (role.area) group.aree.push(role.area);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ ruolo, ente, aree }) => {
      const areas = aree.length > 0 ? ` (${aree.map((area) => AREA_LABEL[area]).join(', ')})` : '';
      return `${RUOLO_LABEL[ruolo]}${areas} – ${ente}`;
    })
    .join('; ');
}

/** Every user of the platform's database, so the page works with whatever seed was loaded. */
export async function listIdentities(db: Db): Promise<ListedIdentity[]> {
  const users = await db.user.findMany({
    orderBy: [{ cognome: 'asc' }, { nome: 'asc' }, { codiceFiscale: 'asc' }],
    take: MAX_LISTED,
    select: {
      codiceFiscale: true,
      nome: true,
      cognome: true,
      email: true,
      roles: {
        where: { revokedAt: null },
        orderBy: { createdAt: 'asc' },
        select: { ruolo: true, area: true, ente: { select: { denominazione: true } } },
      },
    },
  });
  return users.map(({ roles, ...identity }) => ({ ...identity, descrizione: describeRoles(roles) }));
}

export async function findIdentity(db: Db, codiceFiscale: string): Promise<Identity | null> {
  return db.user.findUnique({
    where: { codiceFiscale },
    select: { codiceFiscale: true, nome: true, cognome: true, email: true },
  });
}
