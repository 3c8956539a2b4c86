// Who may read an ente's matters, with one module for every endpoint: the Region everything, an ente's
// people their ente's, and a procedure's things also whoever may act on one of its tasks (the capofila of
// an ambito acting for a member Comune) or was named for one.
import { randomUUID } from 'node:crypto';
import { readableEnteIds, readsEnte, readsProcedureItem } from '../../api/read-access';
import { createDb, type Db } from '../../prisma/client';
import type { Actor, RoleGrant } from '../../workflows/shared/actor';

describe('read access', () => {
  let db: Db;
  let regioneEnteId: string;
  const ente = async (denominazione: string) =>
    (await db.ente.create({ data: { codice: `T-${randomUUID()}`, tipo: 'COMUNE', denominazione, stato: 'ATTIVO' } })).id;
  const actor = (...roles: RoleGrant[]): Actor => ({ userId: randomUUID(), codiceFiscale: 'CF', nomeCompleto: 'Nome Cognome', roles });
  beforeAll(async () => {
    db = createDb(process.env.DATABASE_URL!, 5);
    regioneEnteId = await ente('Regione di prova');
  });
  afterAll(() => db.$disconnect());

  it('lets the Region read everything, an ente\'s people their ente\'s, nobody else anything', async () => {
    const [bari, lecce] = [await ente('Bari (prova)'), await ente('Lecce (prova)')];
    const runtime = { db, regioneEnteId };
    const istruttore = actor({ enteId: regioneEnteId, ruolo: 'ISTRUTTORE', area: null });
    const referente = actor({ enteId: bari, ruolo: 'REFERENTE', area: 'PATRIMONIO' });
    expect(readableEnteIds(istruttore, regioneEnteId)).toBeUndefined();
    expect(readableEnteIds(referente, regioneEnteId)).toEqual([bari]);
    expect([readsEnte(referente, bari, regioneEnteId), readsEnte(referente, lecce, regioneEnteId)]).toEqual([true, false]);
    const item = (enteId: string | null) => ({ enteId, workflowId: `altro-${randomUUID()}` });
    expect(await readsProcedureItem(runtime, istruttore, item(null))).toBe(true);
    expect(await readsProcedureItem(runtime, istruttore, item(lecce))).toBe(true);
    expect(await readsProcedureItem(runtime, referente, item(bari))).toBe(true);
    expect(await readsProcedureItem(runtime, referente, item(lecce))).toBe(false);
    expect(await readsProcedureItem(runtime, referente, item(null))).toBe(false);
    expect(await readsProcedureItem(runtime, actor(), item(bari))).toBe(false);
  });

  it('lets whoever may act on a procedure\'s task read that procedure\'s things, and no other\'s', async () => {
    const [capofila, member] = [await ente('Capofila (prova)'), await ente('Membro (prova)')];
    const runtime = { db, regioneEnteId };
    const workflowId = `fondo-affitti-${randomUUID()}`;
    const named = actor();
    await db.task.create({
      data: {
        id: randomUUID(), workflowId, taskKey: 'domanda', procedura: 'invio-generico', titolo: 'Domanda del membro', enteId: member,
        candidateEnteId: capofila, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI', formKey: 'presa-in-carico', data: {},
      },
    });
    await db.user.create({ data: { id: named.userId, codiceFiscale: `X${randomUUID().slice(0, 15)}`, nome: 'Nominata', cognome: 'Dalla procedura' } });
    await db.task.create({
      data: {
        id: randomUUID(), workflowId, taskKey: 'integrazione', procedura: 'invio-generico', titolo: 'Integrazione', enteId: member, assigneeId: named.userId,
        candidateEnteId: member, candidateRole: 'RAPPRESENTANTE_LEGALE', candidateArea: null, formKey: 'presa-in-carico', data: {},
      },
    });
    const delCapofila = actor({ enteId: capofila, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' });
    const altraArea = actor({ enteId: capofila, ruolo: 'REFERENTE', area: 'PATRIMONIO' });
    expect(await readsProcedureItem(runtime, delCapofila, { enteId: member, workflowId })).toBe(true);
    expect(await readsProcedureItem(runtime, delCapofila, { enteId: member, workflowId: `altro-${randomUUID()}` })).toBe(false);
    expect(await readsProcedureItem(runtime, altraArea, { enteId: member, workflowId })).toBe(false);
    expect(await readsProcedureItem(runtime, named, { enteId: member, workflowId })).toBe(true);
  });
});
