// The signed-in person, as GET /api/me answers (types only; see api/views.ts).
import type { Area, Ruolo } from '../../workflows/shared/actor';
import type { EnteTipo } from '../enti/views';

export interface RoleGrantView {
  enteId: string;
  enteCodice: string;
  enteDenominazione: string;
  enteTipo: EnteTipo;
  ruolo: Ruolo;
  area: Area | null;
}

/** Names and active roles with their enti. */
export interface Profile {
  user: { id: string; codiceFiscale: string; nome: string; cognome: string; nomeCompleto: string };
  roles: RoleGrantView[];
}

export interface Me extends Profile {
  /** Every state-changing request carries it in X-CSRF-Token. */
  csrfToken: string;
}
