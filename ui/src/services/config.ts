import { http } from './http';

export interface PublicConfig {
  temporalUiUrl: string | null;
}

export const getConfig = () => http.get<PublicConfig>('/api/config');
