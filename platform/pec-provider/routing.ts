// Which recipients the local provider can deliver to. Everything is deliverable by default, so a
// development platform can send PEC to any ente; the addresses below stand for the failures a real
// provider reports, so that tests and demos can provoke a mancata consegna on purpose.
import type { DaticertErrore } from '../../activities/pec/daticert';

export interface RoutingSettings {
  /** Domains whose mailboxes the provider keeps; undefined serves every domain. */
  servedDomains?: string[];
  /** Domains that do not exist: errore-consegna "no-dominio". */
  nonexistentDomains: string[];
  /** Local parts starting with this are mailboxes that do not exist: errore-consegna "no-dest". */
  nonexistentLocalPartPrefix: string;
}

export type Route = { deliver: true } | { deliver: false; errore: DaticertErrore; erroreEsteso: string };

export function route(address: string, settings: RoutingSettings): Route {
  const at = address.lastIndexOf('@');
  const localPart = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (settings.nonexistentDomains.some((nonexistent) => nonexistent.toLowerCase() === domain)) {
    return { deliver: false, errore: 'no-dominio', erroreEsteso: `5.1.2 - Dominio di destinazione inesistente (${domain})` };
  }
  if (settings.servedDomains && !settings.servedDomains.some((served) => served.toLowerCase() === domain)) {
    return { deliver: false, errore: 'no-dominio', erroreEsteso: `5.1.2 - Dominio di destinazione non servito (${domain})` };
  }
  if (settings.nonexistentLocalPartPrefix && localPart.startsWith(settings.nonexistentLocalPartPrefix.toLowerCase())) {
    return { deliver: false, errore: 'no-dest', erroreEsteso: `5.1.1 - Casella di destinazione inesistente (${address})` };
  }
  return { deliver: true };
}
