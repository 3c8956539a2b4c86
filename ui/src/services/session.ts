import { http } from './http';

export type Ruolo = 'RAPPRESENTANTE_LEGALE' | 'REFERENTE' | 'ISTRUTTORE' | 'DIRIGENTE' | 'AMMINISTRATORE';
export type Area = 'PATRIMONIO' | 'FONDO_AFFITTI' | 'PIANI_VENDITA' | 'PROGRAMMAZIONE' | 'CANTIERI' | 'COMUNICAZIONI';

export interface RoleGrant {
  enteId: string;
  enteCodice: string;
  enteDenominazione: string;
  enteTipo: string;
  ruolo: Ruolo;
  area: Area | null;
}

export interface Me {
  user: { id: string; codiceFiscale: string; nome: string; cognome: string; nomeCompleto: string };
  roles: RoleGrant[];
  csrfToken: string;
}

/** The signed-in user; a 401 is left to the auth guard, which sends the browser to sign in. */
export const getMe = () => http.get<Me>('/api/me', undefined, { redirectOnUnauthorized: false });

/** Ends the session; the API answers with the identity provider's logout address. */
export const logout = () => http.post<{ logoutUrl: string }>('/auth/logout');
