import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { SessionData } from 'express-session';
import { actorReadWithSession } from '../../../api/auth/actor';
import { PrismaSessionStore } from '../../../api/auth/session-store';
import { openTestDatabase, type TestDatabase } from './support/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const HOUR = 60 * 60 * 1000;

function sessionData(expires: Date, userId = 'utente-di-prova'): SessionData {
  // What express-session hands to a store: JSON-able data with the cookie's expiry.
  return { cookie: { originalMaxAge: 8 * HOUR, expires, httpOnly: true, path: '/' }, userId } as unknown as SessionData;
}

function call<T>(operation: (callback: (error: unknown, value?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => operation((error, value) => (error ? reject(error) : resolve(value))));
}

test('when a session is stored, then it is read back, touched to a new expiry and destroyed', async () => {
  let now = new Date();
  const store = new PrismaSessionStore(database.db, { now: () => now });
  const sid = randomUUID();
  const expires = new Date(now.getTime() + 8 * HOUR);

  await call((done) => store.set(sid, sessionData(expires), done));
  const read = await call<SessionData | null>((done) => store.get(sid, done));
  expect(read).toMatchObject({ userId: 'utente-di-prova', cookie: { expires: expires.toISOString() } });

  now = new Date(now.getTime() + HOUR);
  const later = new Date(now.getTime() + 8 * HOUR);
  await call((done) => store.touch(sid, sessionData(later), done));
  expect((await database.db.session.findUniqueOrThrow({ where: { sid } })).expiresAt).toEqual(later);

  await call((done) => store.destroy(sid, done));
  expect(await call<SessionData | null>((done) => store.get(sid, done))).toBeNull();
});

test('when a request reads its session, then the same statement moves its expiry, and the touch at its end writes nothing', async () => {
  let now = new Date();
  const store = new PrismaSessionStore(database.db, { now: () => now });
  const sid = randomUUID();
  await database.db.session.create({ data: { sid, data: sessionData(new Date(now.getTime() + HOUR)) as object, expiresAt: new Date(now.getTime() + HOUR) } });
  const expiry = async () => (await database.db.session.findUniqueOrThrow({ where: { sid } })).expiresAt.getTime();

  now = new Date(now.getTime() + 10 * 60_000);
  expect(await call<SessionData | null>((done) => store.get(sid, done))).toMatchObject({ userId: 'utente-di-prova' });
  // The cookie's lifetime (8 hours) from the moment of the read.
  expect(await expiry()).toBe(now.getTime() + 8 * HOUR);
  await call((done) => store.touch(sid, sessionData(new Date(now.getTime() + 9 * HOUR)), done));
  expect(await expiry()).toBe(now.getTime() + 8 * HOUR);

  // Past its expiry a read neither returns it nor moves it: the row is deleted.
  now = new Date(now.getTime() + 9 * HOUR);
  expect(await call<SessionData | null>((done) => store.get(sid, done))).toBeNull();
  expect(await database.db.session.count({ where: { sid } })).toBe(0);
});

test('when requests follow one another, then the expiry is written at most once a minute, not at every request', async () => {
  let now = new Date();
  const store = new PrismaSessionStore(database.db, { now: () => now });
  const sid = randomUUID();
  await call((done) => store.set(sid, sessionData(new Date(now.getTime() + 8 * HOUR)), done));
  const expiry = async () => (await database.db.session.findUniqueOrThrow({ where: { sid } })).expiresAt.getTime();

  const first = new Date(now.getTime() + 8 * HOUR + 1000);
  await call((done) => store.touch(sid, sessionData(first), done));
  expect(await expiry()).toBe(first.getTime());
  // Half a minute later: the row keeps the expiry it has.
  now = new Date(now.getTime() + 30_000);
  await call((done) => store.touch(sid, sessionData(new Date(now.getTime() + 8 * HOUR)), done));
  expect(await expiry()).toBe(first.getTime());
  // A minute after the last write: it moves again.
  now = new Date(now.getTime() + 31_000);
  const later = new Date(now.getTime() + 8 * HOUR);
  await call((done) => store.touch(sid, sessionData(later), done));
  expect(await expiry()).toBe(later.getTime());
});

test('when a session has expired, then it is not returned and its row is deleted', async () => {
  const store = new PrismaSessionStore(database.db);
  const sid = randomUUID();
  await database.db.session.create({
    data: { sid, data: { userId: 'scaduto' }, expiresAt: new Date(Date.now() - 1000) },
  });

  expect(await call<SessionData | null>((done) => store.get(sid, done))).toBeNull();
  expect(await database.db.session.count({ where: { sid } })).toBe(0);
});

test('when a session is written, then other expired sessions are pruned, at most once per interval', async () => {
  let now = new Date();
  const store = new PrismaSessionStore(database.db, { pruneIntervalMs: HOUR, now: () => now });
  const stale = [randomUUID(), randomUUID()];
  await database.db.session.create({ data: { sid: stale[0] ?? '', data: {}, expiresAt: new Date(now.getTime() - 1000) } });

  await call((done) => store.set(randomUUID(), sessionData(new Date(now.getTime() + HOUR)), done));
  expect(await database.db.session.count({ where: { sid: stale[0] } })).toBe(0);

  await database.db.session.create({ data: { sid: stale[1] ?? '', data: {}, expiresAt: new Date(now.getTime() - 1000) } });
  await call((done) => store.set(randomUUID(), sessionData(new Date(now.getTime() + HOUR)), done));
  expect(await database.db.session.count({ where: { sid: stale[1] } })).toBe(1);

  now = new Date(now.getTime() + HOUR + 1);
  await call((done) => store.set(randomUUID(), sessionData(new Date(now.getTime() + HOUR)), done));
  expect(await database.db.session.count({ where: { sid: stale[1] } })).toBe(0);
});

test('when a session cannot be stored, then the error reaches express-session instead of being lost', async () => {
  const store = new PrismaSessionStore(database.db);
  // Session data that is not JSON (a cycle) cannot be written.
  const circular: Record<string, unknown> = {};
  circular.self = circular;

  await expect(call((done) => store.set(randomUUID(), circular as unknown as SessionData, done))).rejects.toThrow();
});

test('when a session of a person is read, then the same statement reads the person and their active roles for requireActor', async () => {
  const store = new PrismaSessionStore(database.db);
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
  await call((done) => store.set(sid, sessionData(new Date(Date.now() + HOUR), user.id), done));

  const data = await call<SessionData | null>((done) => store.get(sid, done));
  const req = {} as Request;
  store.createSession(req, data!);
  expect(actorReadWithSession.get(req)).toEqual({
    userId: user.id,
    codiceFiscale: user.codiceFiscale,
    nomeCompleto: 'Maria Rossi',
    roles: [{ enteId: ente.id, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }],
    sostituisce: [],
  });
  // Nothing of it is kept in the session itself.
  expect(JSON.stringify(req.session)).not.toContain('Maria');
});
