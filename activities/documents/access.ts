import { isRegioneUser, seesEnte, type Actor } from '../../workflows/shared/actor';
import type { StoredDocument } from './document-store';

/**
 * Who may download a document: Regione roles read every document; anyone else only documents of an
 * ente they hold a role for. A document of no ente (a Region's internal one) is the Region's alone.
 */
export function mayRead(actor: Actor, document: Pick<StoredDocument, 'enteId'>, regioneEnteId: string): boolean {
  if (document.enteId === null) return isRegioneUser(actor, regioneEnteId);
  return seesEnte(actor, document.enteId, regioneEnteId);
}
