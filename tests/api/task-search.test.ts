// The inbox's searches read few matches through the word index and many by walking the view's order, and
// «Completate» walks the completion-time index past the open tasks: whichever way, a page holds the same
// tasks, in the same order, as the view's order over all the matches.
import { randomUUID } from 'node:crypto';
import { COMUNE_LECCE } from '../../prisma/seed/enti';
import { demoCf } from '../support/demo';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';

interface Page { items: { id: string; titolo: string; dueAt: string | null; completedAt: string | null }[]; total: number }

const DAY_MS = 24 * 60 * 60 * 1000;

describe('inbox search and order', () => {
  let server: TestServer;
  let lecce: ApiSession;
  // A word of this run's own: no other file's tasks hold it.
  const word = `Zefiro${randomUUID().slice(0, 8)}`;
  const FEW = 7;
  const MANY = 230;

  beforeAll(async () => {
    server = await startTestServer();
    lecce = await signIn(server.baseUrl, demoCf('lecce.referente'));
    const enteId = server.platform.ref.demoComuneIds[COMUNE_LECCE];
    const base = Date.parse('2031-03-01T10:00:00Z');
    const task = (kind: string, index: number, completed: boolean) => ({
      id: randomUUID(),
      workflowId: `ricerca-${word}-${kind}-${index}`,
      taskKey: 'passo',
      procedura: 'invio-generico',
      titolo: `${word} ${kind} n. ${index}`,
      enteId,
      candidateEnteId: enteId,
      candidateRole: 'REFERENTE' as const,
      // Due dates out of insertion order, some equal, so the order's tie-break (the id) counts too.
      dueAt: new Date(base + ((index * 37) % 50) * DAY_MS),
      formKey: 'presa-in-carico',
      data: {},
      stato: completed ? ('COMPLETATA' as const) : ('APERTA' as const),
      completedAt: completed ? new Date(base + ((index * 53) % 90) * 60_000) : null,
    });
    await server.platform.db.task.createMany({
      data: [
        ...Array.from({ length: FEW }, (_, index) => task('raro', index, false)),
        ...Array.from({ length: MANY }, (_, index) => task('denso', index, false)),
      ],
    });
  });

  afterAll(async () => {
    await server.platform.db.task.deleteMany({ where: { workflowId: { startsWith: `ricerca-${word}-` } } });
    await server.close();
  });

  /** The matches in the view's order, as the database sorts them all: the page must be a slice of it. */
  const expectedOrder = async (contains: string) => (await server.platform.db.task.findMany({
    where: { titolo: { contains, mode: 'insensitive' }, stato: 'APERTA' },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  })).map((task) => task.id);

  it('when a search finds few tasks, then they come through the word index in due-date order', async () => {
    const page = await lecce.json<Page>(`/api/tasks?vista=gruppi&ordina=dueAt&perPagina=100&q=${encodeURIComponent(`${word} raro`)}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(FEW);
    expect(page.body.items.map((item) => item.id)).toEqual(await expectedOrder(`${word} raro`));
  });

  it('when a search finds many tasks, then each page is the next slice of the due-date order and the total counts them all', async () => {
    const all = await expectedOrder(word);
    expect(all).toHaveLength(FEW + MANY);
    const second = await lecce.json<Page>(`/api/tasks?vista=gruppi&ordina=dueAt&perPagina=100&pagina=2&q=${encodeURIComponent(word)}`);
    expect(second.body.total).toBe(FEW + MANY);
    expect(second.body.items.map((item) => item.id)).toEqual(all.slice(100, 200));
    const counts = await lecce.json<{ gruppi: number }>(`/api/tasks/conteggi?q=${encodeURIComponent(word)}`);
    expect(counts.body.gruppi).toBe(FEW + MANY);
  });

  it('when a search finds nothing in the group, then the page is empty', async () => {
    const page = await lecce.json<Page>(`/api/tasks?vista=gruppi&q=${encodeURIComponent(`${word} assente`)}`);
    expect(page.body).toEqual({ items: [], total: 0 });
  });

  it('when completed tasks are listed, then the latest completion comes first and open tasks never appear', async () => {
    const done = await server.platform.db.task.updateManyAndReturn({
      where: { workflowId: { startsWith: `ricerca-${word}-raro-` } },
      data: { stato: 'COMPLETATA' },
      select: { id: true },
    });
    const ids = done.map((task) => task.id);
    // Completion times of their own, later than any other file's, so they lead the list.
    for (const [index, id] of ids.entries()) {
      await server.platform.db.task.update({ where: { id }, data: { completedAt: new Date(Date.parse('2099-01-01T00:00:00Z') + ((index * 3) % 5) * 60_000) } });
    }
    const expected = (await server.platform.db.task.findMany({ where: { id: { in: ids } }, orderBy: [{ completedAt: 'desc' }, { id: 'asc' }], select: { id: true } })).map((task) => task.id);
    const page = await lecce.json<Page>(`/api/tasks?vista=completate&ordina=-completedAt&perPagina=${FEW}&q=${encodeURIComponent(word)}`);
    expect(page.body.items.map((item) => item.id)).toEqual(expected);
    const unfiltered = await lecce.json<Page>(`/api/tasks?vista=completate&ordina=-completedAt&perPagina=100`);
    expect(unfiltered.body.items.slice(0, FEW).map((item) => item.id)).toEqual(expected);
    expect(unfiltered.body.items.every((item) => item.completedAt !== null)).toBe(true);
  });
});
