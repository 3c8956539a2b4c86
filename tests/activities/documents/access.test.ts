import { mayRead } from '../../../activities/documents/access';
import type { Actor, RoleGrant } from '../../../workflows/shared/actor';

const REGIONE = 'ente-regione';
const actor = (...roles: RoleGrant[]): Actor => ({ userId: 'u', codiceFiscale: 'CF', nomeCompleto: 'Nome Cognome', roles });

describe('mayRead', () => {
  it('when the reader holds any Regione role, then every document is readable, even one of no ente', () => {
    const istruttore = actor({ enteId: REGIONE, ruolo: 'ISTRUTTORE', area: null });
    expect(mayRead(istruttore, { enteId: 'comune-bari' }, REGIONE)).toBe(true);
    expect(mayRead(istruttore, { enteId: null }, REGIONE)).toBe(true);
  });

  it('when the reader holds a role for the document’s ente, then it is readable, and another ente’s is not', () => {
    const referente = actor({ enteId: 'comune-bari', ruolo: 'REFERENTE', area: 'PATRIMONIO' });
    expect(mayRead(referente, { enteId: 'comune-bari' }, REGIONE)).toBe(true);
    expect(mayRead(referente, { enteId: 'comune-lecce' }, REGIONE)).toBe(false);
    expect(mayRead(referente, { enteId: null }, REGIONE)).toBe(false);
  });

  it('when the reader holds no role, then nothing is readable', () => {
    expect(mayRead(actor(), { enteId: 'comune-bari' }, REGIONE)).toBe(false);
  });
});
