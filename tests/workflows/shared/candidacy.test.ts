// "May act" is one rule: the workflow's validators use grantCovers through holdsCandidacy, the inbox's
// query is built from the same table (candidacyWhere). One table of cases runs on both, on a real
// database, so they cannot diverge — including the Comune capofila acting for a member of its ambito.
import { randomUUID } from 'node:crypto';
import { createAmbitoActivities } from '../../../activities/tasks/ambito-candidates';
import { candidacyWhere } from '../../../api/tasks/visibility';
import { createDb, type Db } from '../../../prisma/client';
import { holdsCandidacy, type Actor, type RoleGrant, type TaskCandidates } from '../../../workflows/shared/actor';

describe('candidacy: one rule for the workflow and the inbox', () => {
  let db: Db;
  const ente = async (denominazione: string) =>
    (await db.ente.create({ data: { codice: `T-${randomUUID()}`, tipo: 'COMUNE', denominazione, stato: 'ATTIVO' } })).id;
  beforeAll(() => {
    db = createDb(process.env.DATABASE_URL!, 5);
  });
  afterAll(() => db.$disconnect());

  it('gives the same answer as a predicate and as a query, for every grant and task', async () => {
    const [a, regione, capofila, member] = [await ente('Comune A'), await ente('Regione di prova'), await ente('Comune capofila'), await ente('Comune del suo ambito')];
    const actors: Record<string, RoleGrant[]> = {
      'referente patrimonio di A': [{ enteId: a, ruolo: 'REFERENTE', area: 'PATRIMONIO' }],
      'rappresentante legale di A': [{ enteId: a, ruolo: 'RAPPRESENTANTE_LEGALE', area: null }],
      // Grants of one ente and role are one condition in the query, their areas together.
      'referente di A per due aree': [{ enteId: a, ruolo: 'REFERENTE', area: 'PATRIMONIO' }, { enteId: a, ruolo: 'REFERENTE', area: 'COMUNICAZIONI' }],
      'referente di A per un’area e senza area': [{ enteId: a, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }, { enteId: a, ruolo: 'REFERENTE', area: null }],
      'referente di A e istruttore della Regione': [{ enteId: a, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }, { enteId: regione, ruolo: 'ISTRUTTORE', area: null }],
      'istruttore della Regione': [{ enteId: regione, ruolo: 'ISTRUTTORE', area: null }],
      'referente fondo affitti del capofila': [{ enteId: capofila, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }],
      'referente fondo affitti del Comune membro': [{ enteId: member, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }],
      'nessun ruolo': [],
    };
    const tasks: (TaskCandidates & { enteId: string; name: string })[] = [
      { name: 'referente patrimonio di A', enteId: a, candidateEnteId: a, candidateRole: 'REFERENTE', candidateArea: 'PATRIMONIO' },
      { name: 'referente fondo affitti di A', enteId: a, candidateEnteId: a, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' },
      { name: 'referente di A, ogni area', enteId: a, candidateEnteId: a, candidateRole: 'REFERENTE', candidateArea: null },
      { name: 'rappresentante legale di A', enteId: a, candidateEnteId: a, candidateRole: 'RAPPRESENTANTE_LEGALE', candidateArea: null },
      { name: 'istruttore della Regione', enteId: a, candidateEnteId: regione, candidateRole: 'ISTRUTTORE', candidateArea: null },
      { name: 'dirigente della Regione', enteId: a, candidateEnteId: regione, candidateRole: 'DIRIGENTE', candidateArea: null },
      { name: 'il membro, in mano al capofila', enteId: member, candidateEnteId: capofila, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' },
    ];
    const workflowId = `candidacy-${randomUUID()}`;
    const ids = new Map<string, string>();
    for (const task of tasks) {
      const id = randomUUID();
      ids.set(task.name, id);
      await db.task.create({
        data: {
          id, workflowId, taskKey: task.name, procedura: 'invio-generico', titolo: task.name, enteId: task.enteId,
          candidateEnteId: task.candidateEnteId, candidateRole: task.candidateRole, candidateArea: task.candidateArea, formKey: 'presa-in-carico', data: {},
        },
      });
    }

    const answers: string[] = [];
    for (const [who, roles] of Object.entries(actors)) {
      const actor: Actor = { userId: randomUUID(), codiceFiscale: 'X', nomeCompleto: who, roles };
      const where = candidacyWhere(actor);
      const queried = new Set(where.length === 0 ? [] : (await db.task.findMany({ where: { workflowId, OR: where }, select: { id: true } })).map((row) => row.id));
      for (const task of tasks) {
        const predicate = holdsCandidacy(actor, task);
        expect([who, task.name, queried.has(ids.get(task.name)!)]).toEqual([who, task.name, predicate]);
        if (predicate) answers.push(`${who} → ${task.name}`);
      }
    }
    // The rule itself, spelled out: the table above is not vacuous.
    expect(answers.sort()).toEqual([
      'istruttore della Regione → istruttore della Regione',
      'rappresentante legale di A → rappresentante legale di A',
      'rappresentante legale di A → referente di A, ogni area',
      'rappresentante legale di A → referente fondo affitti di A',
      'rappresentante legale di A → referente patrimonio di A',
      'referente di A e istruttore della Regione → istruttore della Regione',
      'referente di A e istruttore della Regione → referente di A, ogni area',
      'referente di A e istruttore della Regione → referente fondo affitti di A',
      'referente di A per due aree → referente di A, ogni area',
      'referente di A per due aree → referente patrimonio di A',
      'referente di A per un’area e senza area → referente di A, ogni area',
      'referente di A per un’area e senza area → referente fondo affitti di A',
      'referente di A per un’area e senza area → referente patrimonio di A',
      'referente fondo affitti del capofila → il membro, in mano al capofila',
      'referente patrimonio di A → referente di A, ogni area',
      'referente patrimonio di A → referente patrimonio di A',
    ]);
  });

  it('addresses a member Comune\'s task to its ambito\'s capofila, and a Comune in no ambito\'s to itself', async () => {
    const [capofila, member, alone] = [await ente('Lecce (prova)'), await ente('Surbo (prova)'), await ente('Bari (prova)')];
    await db.ambito.create({ data: { codice: `AMB-${randomUUID()}`, denominazione: 'Ambito di prova', capofilaEnteId: capofila, comuni: { create: [{ enteId: capofila }, { enteId: member }] } } });
    const { ambitoCandidates } = createAmbitoActivities(db);
    expect(await ambitoCandidates({ enteId: member, role: 'REFERENTE', area: 'FONDO_AFFITTI' })).toEqual({ candidateEnteId: capofila, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' });
    expect(await ambitoCandidates({ enteId: alone, role: 'REFERENTE', area: 'FONDO_AFFITTI' })).toEqual({ candidateEnteId: alone, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' });
  });
});
