import { http } from './http';

export interface PublicConfig {
  temporalUiUrl: string | null;
  /** The map's background: Leaflet's tile URL template (null: none configured) and its attribution (HTML). */
  mappa: { tilesUrl: string | null; attribution: string };
}

export const getConfig = () => http.get<PublicConfig>('/api/config');
