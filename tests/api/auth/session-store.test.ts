import { randomUUID } from 'node:crypto';
import { SessionStore } from '../../../api/auth/session-store';
import { openTestDatabase, type TestDatabase } from './support/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const HOUR = 60 * 60 * 1000;
const TTL = 8 * HOUR;

test('when a session is stored, then it is read back with its expiry 8 hours ahead, and destroyed', async () => {
  const now = new Date();
  const store = new SessionStore(database.db, { ttlMs: TTL, now: () => now });
  const sid = randomUUID();

  expect(await store.create(sid, { userId: 'utente-di-prova' })).toEqual(new Date(now.getTime() + TTL));
  expect((await store.read(sid))?.data).toEqual({ userId: 'utente-di-prova' });
  expect((await database.db.session.findUniqueOrThrow({ where: { sid } })).expiresAt).toEqual(new Date(now.getTime() + TTL));

  await store.destroy(sid);
  expect(await store.read(sid)).toBeNull();
});

test('when a request reads its session, then the same statement moves its expiry, at most once a minute', async () => {
  let now = new Date();
  const store = new SessionStore(database.db, { ttlMs: TTL, now: () => now });
  const sid = randomUUID();
  await database.db.session.create({ data: { sid, data: { userId: 'utente-di-prova' }, expiresAt: new Date(now.getTime() + HOUR) } });
  const expiry = async () => (await database.db.session.findUniqueOrThrow({ where: { sid } })).expiresAt.getTime();

  now = new Date(now.getTime() + 10 * 60_000);
  const first = await store.read(sid);
  expect(first).toMatchObject({ data: { userId: 'utente-di-prova' }, touchedUntil: new Date(now.getTime() + TTL) });
  expect(await expiry()).toBe(now.getTime() + TTL);
  const movedAt = now.getTime();

  // Half a minute later: the row keeps the expiry it has, and the cookie need not be sent again.
  now = new Date(now.getTime() + 30_000);
  expect((await store.read(sid))?.touchedUntil).toBeUndefined();
  expect(await expiry()).toBe(movedAt + TTL);
  // A minute after the last move: it moves again.
  now = new Date(now.getTime() + 31_000);
  expect((await store.read(sid))?.touchedUntil).toEqual(new Date(now.getTime() + TTL));
  expect(await expiry()).toBe(now.getTime() + TTL);

  // Past its expiry a read neither returns it nor moves it: the row is deleted.
  now = new Date(now.getTime() + TTL + 1);
  expect(await store.read(sid)).toBeNull();
  expect(await database.db.session.count({ where: { sid } })).toBe(0);
});

test('when a session is saved after its row is gone (a logout in another tab), then it is not brought back', async () => {
  const store = new SessionStore(database.db, { ttlMs: TTL });
  const sid = randomUUID();
  await store.create(sid, { userId: 'utente-di-prova' });
  expect(await store.update(sid, { userId: 'utente-di-prova', csrfToken: 'nuovo' })).toBeInstanceOf(Date);
  expect((await store.read(sid))?.data).toEqual({ userId: 'utente-di-prova', csrfToken: 'nuovo' });

  await store.destroy(sid);
  expect(await store.update(sid, { userId: 'utente-di-prova' })).toBeNull();
  expect(await database.db.session.count({ where: { sid } })).toBe(0);
});

test('when a session has expired, then it is not returned and its row is deleted', async () => {
  const store = new SessionStore(database.db, { ttlMs: TTL });
  const sid = randomUUID();
  await database.db.session.create({
    data: { sid, data: { userId: 'scaduto' }, expiresAt: new Date(Date.now() - 1000) },
  });

  expect(await store.read(sid)).toBeNull();
  expect(await database.db.session.count({ where: { sid } })).toBe(0);
});

test('when a session is written, then other expired sessions are pruned, at most once per interval', async () => {
  let now = new Date();
  const store = new SessionStore(database.db, { ttlMs: HOUR, pruneIntervalMs: HOUR, now: () => now });
  const stale = [randomUUID(), randomUUID()];
  await database.db.session.create({ data: { sid: stale[0] ?? '', data: {}, expiresAt: new Date(now.getTime() - 1000) } });

  await store.create(randomUUID(), {});
  expect(await database.db.session.count({ where: { sid: stale[0] } })).toBe(0);

  await database.db.session.create({ data: { sid: stale[1] ?? '', data: {}, expiresAt: new Date(now.getTime() - 1000) } });
  await store.create(randomUUID(), {});
  expect(await database.db.session.count({ where: { sid: stale[1] } })).toBe(1);

  now = new Date(now.getTime() + HOUR + 1);
  await store.create(randomUUID(), {});
  expect(await database.db.session.count({ where: { sid: stale[1] } })).toBe(0);
});

test('when a session cannot be stored, then the write rejects instead of the error being lost', async () => {
  const store = new SessionStore(database.db, { ttlMs: HOUR });
  // Session data that is not JSON (a cycle) cannot be written.
  const circular: Record<string, unknown> = {};
  circular.self = circular;

  await expect(store.create(randomUUID(), circular)).rejects.toThrow();
});

test('when a session of a person is read, then the same statement reads the person and their active roles for requireActor', async () => {
  const store = new SessionStore(database.db, { ttlMs: HOUR });
  const ente = await database.db.ente.create({ data: { codice: `c_${randomUUID().slice(0, 8)}`, tipo: 'COMUNE', denominazione: 'Comune di prova' } });
  const user = await database.db.user.create({
    data: {
      codiceFiscale: `RSSMRA80A01${randomUUID().replace(/\D/g, '').slice(0, 4)}X`.slice(0, 16),
      nome: 'Maria',
      cognome: 'Rossi',
      roles: { create: [{ enteId: ente.id, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }, { enteId: ente.id, ruolo: 'ISTRUTTORE', revokedAt: new Date() }] },
    },
  });
  const sid = randomUUID();
  await store.create(sid, { userId: user.id });

  const found = await store.read(sid);
  expect(found?.actor).toEqual({
    userId: user.id,
    codiceFiscale: user.codiceFiscale,
    nomeCompleto: 'Maria Rossi',
    roles: [{ enteId: ente.id, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }],
    sostituisce: [],
  });
  // Nothing of it is kept in the session itself.
  expect(JSON.stringify(found?.data)).not.toContain('Maria');
});
