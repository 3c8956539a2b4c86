import type { Me } from '@api/auth/views';
import { http } from './http';

export type { Area, Ruolo } from '@shared/actor';
export type { Me, RoleGrantView as RoleGrant } from '@api/auth/views';

/** The signed-in user; a 401 is left to the auth guard, which sends the browser to sign in. */
export const getMe = () => http.get<Me>('/api/me', undefined, { redirectOnUnauthorized: false });

/** Ends the session; the API answers with the identity provider's logout address. */
export const logout = () => http.post<{ logoutUrl: string }>('/auth/logout');
