// The remote client against a real peer: the database register behind the HTTP server, on a free port.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import express from 'express';
import { createDatabaseProtocolRegister } from '../../../activities/protocol/database-protocol-register';
import { PROTOCOL_FAILURE } from '../../../activities/protocol/protocol-errors';
import { createProtocolHttpRouter } from '../../../activities/protocol/protocol-http-server';
import type { ProtocolRegister } from '../../../activities/protocol/protocol-register';
import { createRemoteProtocolRegister } from '../../../activities/protocol/remote-protocol-register';
import { verifySegnatura } from '../../../activities/protocol/segnatura-signature';
import { createDb, type Db } from '../../../prisma/client';
import { freePort } from '../../support/free-port';
import { request, threeDocuments } from './support';

const credentials = { username: 'push', password: randomUUID() };
const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function serve(register: ProtocolRegister): Promise<{ server: Server; baseUrl: string }> {
  const app = express();
  app.use('/protocollo', createProtocolHttpRouter({ register, ...credentials }));
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/protocollo` };
}

const close = (server: Server) => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

describe('remote protocol register over HTTP', () => {
  let db: Db;
  let keyDir: string;
  let service: { server: Server; baseUrl: string };
  let remote: ProtocolRegister;

  beforeAll(async () => {
    db = createDb(process.env.DATABASE_URL!);
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'protocol-keys-'));
    service = await serve(createDatabaseProtocolRegister(db, { aoo: `AOO_${randomUUID().slice(0, 8)}`, register: 'PG', keyDir }));
    remote = createRemoteProtocolRegister({ baseUrl: service.baseUrl, ...credentials, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await close(service.server);
    await db.$disconnect();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('when a registration is sent twice with the same Idempotency-Key, then one number and one segnatura come back', async () => {
    const same = request({ documenti: threeDocuments().documenti });
    const [first, second] = await Promise.all([remote.register(same), remote.register(same)]);
    const third = await remote.register(same);
    expect(new Set([first!.id, second!.id, third.id]).size).toBe(1);
    expect(third.segnatura).toBe(first!.segnatura);
    expect(verifySegnatura(third.segnatura!).valid).toBe(true);
    expect(await db.protocolRegistration.count({ where: { idempotencyKey: same.idempotencyKey } })).toBe(1);
    const other = await remote.register(request());
    expect(other.number).toBe(first!.number + 1);
  });

  it('when a registration arrives without an Idempotency-Key, then the service refuses it with 400', async () => {
    const { idempotencyKey: _key, ...body } = request();
    const response = await postJson(`${service.baseUrl}/registrazioni`, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: PROTOCOL_FAILURE.invalidRequest, message: expect.stringContaining('Idempotency-Key') });
  });

  it('when a registration is annulled, then the record comes back annulled; a second annulment is a 422, non-retryable, in Italian', async () => {
    const registration = await remote.register(request());
    const annulled = await remote.annul({ registrationId: registration.id, motivo: 'Duplicato', actorId: 'user-1' });
    expect(annulled).toMatchObject({ id: registration.id, number: registration.number, annullamento: { motivo: 'Duplicato', da: 'user-1' } });
    const raw = await postJson(`${service.baseUrl}/registrazioni/${registration.id}/annullamento`, { motivo: 'Ancora', actorId: 'user-1' });
    expect(raw.status).toBe(422);
    const again = remote.annul({ registrationId: registration.id, motivo: 'Ancora', actorId: 'user-1' });
    await expect(again).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(again).rejects.toMatchObject({ type: PROTOCOL_FAILURE.alreadyAnnulled, nonRetryable: true, message: expect.stringContaining('già stata annullata') });
  });

  it('when the registration to annul is unknown, then the service answers 404 and the client fails non-retryably with its code', async () => {
    const response = await postJson(`${service.baseUrl}/registrazioni/${randomUUID()}/annullamento`, { motivo: 'x', actorId: 'user-1' });
    expect(response.status).toBe(404);
    await expect(remote.annul({ registrationId: randomUUID(), motivo: 'x', actorId: 'user-1' })).rejects.toMatchObject({
      type: PROTOCOL_FAILURE.notFound,
      nonRetryable: true,
    });
  });

  it('when the password is wrong, then the 401 becomes a non-retryable authorization failure', async () => {
    const intruder = createRemoteProtocolRegister({ baseUrl: service.baseUrl, username: credentials.username, password: 'sbagliata', timeoutMs: 10_000 });
    await expect(intruder.register(request())).rejects.toMatchObject({ type: PROTOCOL_FAILURE.unauthorized, nonRetryable: true, message: expect.stringContaining('HTTP 401') });
  });

  it('when the service answers 503 (its own protocol backend is down), then the failure is retryable', async () => {
    // A gateway in front of a protocol service that is not listening: the router turns its retryable failure into a 503.
    const downstream = createRemoteProtocolRegister({ baseUrl: `http://127.0.0.1:${await freePort()}/`, ...credentials, timeoutMs: 2_000 });
    const gateway = await serve(downstream);
    try {
      const client = createRemoteProtocolRegister({ baseUrl: gateway.baseUrl, ...credentials, timeoutMs: 10_000 });
      const failure = client.register(request());
      await expect(failure).rejects.toBeInstanceOf(ApplicationFailure);
      await expect(failure).rejects.toMatchObject({ type: PROTOCOL_FAILURE.unavailable, nonRetryable: false, message: expect.stringContaining('HTTP 503') });
    } finally {
      await close(gateway.server);
    }
  });

  it('when the service accepts the connection but never answers, then the timeout is a retryable failure', async () => {
    const sockets = new Set<Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const client = createRemoteProtocolRegister({ baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, ...credentials, timeoutMs: 300 });
      await expect(client.register(request())).rejects.toMatchObject({ type: PROTOCOL_FAILURE.unreachable, nonRetryable: false, message: expect.stringMatching(/timeout|aborted/i) });
    } finally {
      await new Promise<void>((resolve, reject) => {
        silent.close((error) => (error ? reject(error) : resolve()));
        // The client gave up but its socket may linger: end it so close() can finish.
        for (const socket of sockets) socket.destroy();
      });
    }
  });

  it('when nothing listens at the address, then the network failure is retryable', async () => {
    const nowhere = createRemoteProtocolRegister({ baseUrl: `http://127.0.0.1:${await freePort()}/`, ...credentials, timeoutMs: 2_000 });
    await expect(nowhere.register(request())).rejects.toMatchObject({ type: PROTOCOL_FAILURE.unreachable, nonRetryable: false });
  });
});
