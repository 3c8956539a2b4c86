// What the substitutes' endpoints answer (types only; see api/views.ts).
import type { Person } from '../views';

export interface SostituzioneView {
  id: string;
  titolare: Person;
  sostituto: Person;
  /** Days in Italy, AAAA-MM-GG, both included. */
  dal: string;
  al: string;
  /** Today is one of its days. */
  inCorso: boolean;
}

/** Who substitutes me (mie) and whom I substitute (ricevute), today's and those to come. */
export interface Sostituzioni {
  mie: SostituzioneView[];
  ricevute: SostituzioneView[];
}
