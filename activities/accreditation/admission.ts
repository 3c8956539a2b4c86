// The accreditamento's rules on a request, checked in the transaction that records it, so its answer is
// immediate and two requests cannot both pass: the ente it is for (a Comune of the reference data, or
// another body by codice fiscale, created on its first request), not already accredited, with no other
// request pending.
import type { Ente, Prisma } from '../../prisma/generated/client';
import { ACCREDITAMENTO_PENDING_STATES } from '../../workflows/shared/accreditamento';
import { RequestRefused } from '../refusal';

export interface AccreditationApplicant {
  tipo: 'COMUNE' | 'ARCA' | 'ALER' | 'ALTRO';
  denominazione: string;
  codiceFiscale: string;
  istatComune?: string;
  provincia?: string;
}

const invalid = (field: string, message: string) => new RequestRefused('DATI_NON_VALIDI', 'invalid', `${field}: ${message}`, field);

/** A Comune's name as people write it: case, accents and apostrophes do not matter. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’'`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

async function resolveEnte(tx: Prisma.TransactionClient, request: AccreditationApplicant): Promise<Ente> {
  if (request.tipo === 'COMUNE') {
    const comune = await tx.ente.findUnique({ where: { codice: request.istatComune! } });
    if (!comune || comune.tipo !== 'COMUNE') throw invalid('istatComune', `nessun Comune della Puglia ha il codice ISTAT ${request.istatComune}`);
    const nome = normalizeName(comune.denominazione.replace(/^Comune di /, ''));
    if (!normalizeName(request.denominazione).includes(nome)) {
      throw invalid('denominazione', `il codice ISTAT ${request.istatComune} è del ${comune.denominazione}: correggi la denominazione o il codice`);
    }
    if (comune.siglaProvincia !== request.provincia) {
      throw invalid('provincia', `il ${comune.denominazione} è in provincia di ${comune.provincia} (${comune.siglaProvincia})`);
    }
    return comune;
  }
  const known = await tx.ente.findFirst({ where: { codiceFiscale: request.codiceFiscale } });
  if (known) return known;
  return tx.ente.create({
    data: { codice: `CF-${request.codiceFiscale}`, tipo: request.tipo, denominazione: request.denominazione, codiceFiscale: request.codiceFiscale, stato: 'NON_ACCREDITATO' },
  });
}

/** The ente the request is for, once the procedure admits it; refuses with the reason otherwise. */
export async function admitAccreditationRequest(tx: Prisma.TransactionClient, request: AccreditationApplicant): Promise<Ente> {
  // One request at a time per codice fiscale: concurrent submissions queue here.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accreditamento:${request.codiceFiscale}`}))`;
  const ente = await resolveEnte(tx, request);
  if (ente.stato === 'ATTIVO') throw new RequestRefused('ENTE_GIA_ACCREDITATO', 'conflict', `${ente.denominazione} è già accreditato sulla piattaforma.`, 'codiceFiscale');
  const pending = await tx.accreditationRequest.findFirst({
    where: { stato: { in: [...ACCREDITAMENTO_PENDING_STATES] }, OR: [{ codiceFiscale: request.codiceFiscale }, { enteId: ente.id }] },
  });
  if (pending) throw new RequestRefused('RICHIESTA_IN_CORSO', 'conflict', `Per ${ente.denominazione} c’è già una richiesta di accreditamento in corso.`, 'codiceFiscale');
  return ente;
}
