import type { Fascia } from '@shared/fondo-affitti/bando';
import { http, upload } from './http';

import type { BandoView, BeneficiariCaricati, DomandaView } from '@api/fondo-affitti/views';

export type { BandoStato, BandoView, BeneficiariCaricati, DomandaStato, DomandaView, FasciaDomandaView } from '@api/fondo-affitti/views';

/** A band's figures in a draft: what is not sent stays as it was, null empties it. */
export interface FasciaBozza {
  ricevute?: number | null;
  ammissibili?: number | null;
  esclusi?: number | null;
  /** A decimal string ("1234.50"). */
  fabbisogno?: string | null;
}

/** A Comune's application as saved before it is submitted: every field optional, null empties it. */
export interface BozzaDomanda {
  fasce?: Partial<Record<Fascia, FasciaBozza>>;
  cofinanziamento?: string | null;
  attoCofinanziamento?: string | null;
  /** Documents uploaded for the application's task (POST /api/tasks/:id/documenti/:campo). */
  bandoComunaleDocumentId?: string | null;
  graduatoriaDocumentId?: string | null;
}

const domandaPath = (id: string) => `/api/fondo-affitti/domande/${encodeURIComponent(id)}`;

export const getBando = (id: string) => http.get<BandoView>(`/api/fondo-affitti/bandi/${encodeURIComponent(id)}`);
export const getDomanda = (id: string) => http.get<DomandaView>(domandaPath(id));
/** Saves the draft (until the deadline, while not submitted); answers with the application as it now is. */
export const salvaBozzaDomanda = (id: string, bozza: BozzaDomanda) => http.put<DomandaView>(`${domandaPath(id)}/bozza`, bozza);

/** The Excel template of the list of tenants, with the call's thresholds. */
export const modelloBeneficiariUrl = (bandoId: string) => `/api/fondo-affitti/bandi/${encodeURIComponent(bandoId)}/beneficiari/modello.xlsx`;

/** Uploads the list of tenants: checked row by row; kept only when every row is right. */
export function caricaBeneficiari(domandaId: string, file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.set('file', file);
  return upload<BeneficiariCaricati>(`${domandaPath(domandaId)}/beneficiari`, form, onProgress);
}
