import type { Notifiche } from '@api/notifiche/views';
import { http } from './http';

export type { Notifiche } from '@api/notifiche/views';

export const getNotifiche = () => http.get<Notifiche>('/api/notifiche');

export const salvaNotifiche = (input: Notifiche) => http.put<Notifiche>('/api/notifiche', input);
