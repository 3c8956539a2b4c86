import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createDatabaseProtocolRegister } from '../../../activities/protocol/database-protocol-register';
import { PROTOCOL_FAILURE } from '../../../activities/protocol/protocol-errors';
import { createDb, type Db } from '../../../prisma/client';
import { request, threeDocuments } from './support';

describe('database protocol register', () => {
  let db: Db;
  let keyDir: string;
  beforeAll(async () => {
    db = createDb(process.env.DATABASE_URL!, 25);
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'protocol-keys-'));
  });
  afterAll(async () => {
    await db.$disconnect();
    await rm(keyDir, { recursive: true, force: true });
  });

  /** A register of its own per test, so the numbers start at 1. */
  const freshRegister = () => createDatabaseProtocolRegister(db, { aoo: `AOO_${randomUUID().slice(0, 8)}`, register: 'PG', keyDir });

  it('when 40 requests without documents arrive at once, then the numbers are 1..40, unique and gapless', async () => {
    const register = freshRegister();
    const registrations = await Promise.all(Array.from({ length: 40 }, () => register.register(request())));
    expect(registrations.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(registrations.map((r) => r.year)).size).toBe(1);
    expect(registrations.every((r) => r.segnatura === null)).toBe(true);
  });

  it('when 20 registrations with documents arrive at once, then the numbers are 1..20 and each segnatura carries its own number', async () => {
    const register = freshRegister();
    const registrations = await Promise.all(Array.from({ length: 20 }, () => register.register(request({ documenti: threeDocuments().documenti }))));
    expect(registrations.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const registration of registrations) {
      expect(registration.segnatura).toContain(`<prot:NumeroRegistrazione>${String(registration.number).padStart(7, '0')}</prot:NumeroRegistrazione>`);
    }
    const rows = await db.protocolDocument.count({ where: { registrationId: { in: registrations.map((r) => r.id) } } });
    expect(rows).toBe(60);
  });

  it('when the same key is registered again, concurrently or later, then the first registration is returned', async () => {
    const register = freshRegister();
    const same = request({ documenti: threeDocuments().documenti });
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => register.register(same)));
    const later = await register.register(same);
    expect(new Set([...concurrent, later].map((r) => r.id)).size).toBe(1);
    expect(new Set([...concurrent, later].map((r) => r.segnatura)).size).toBe(1);
    expect(later.number).toBe(1);
    expect(await db.protocolDocument.count({ where: { registrationId: later.id } })).toBe(3);
    const next = await register.register(request());
    expect(next.number).toBe(2);
  });

  it('when two registers share the database, then each numbers on its own', async () => {
    const first = freshRegister();
    const second = freshRegister();
    expect((await first.register(request())).number).toBe(1);
    expect((await second.register(request())).number).toBe(1);
  });

  it('when a registration is annulled, then the row, its number and its segnatura stay, with who, when and why', async () => {
    const register = freshRegister();
    const registration = await register.register(request({ documenti: threeDocuments().documenti }));
    const annulled = await register.annul({ registrationId: registration.id, motivo: 'Protocollata due volte per errore', actorId: 'user-1' });
    expect(annulled).toMatchObject({ id: registration.id, number: registration.number, segnatura: registration.segnatura });
    expect(annulled.annullamento).toMatchObject({ motivo: 'Protocollata due volte per errore', da: 'user-1' });
    const row = await db.protocolRegistration.findUniqueOrThrow({ where: { id: registration.id }, include: { documents: true } });
    expect(row).toMatchObject({ annullata: true, annullamentoMotivo: 'Protocollata due volte per errore', annullatoDa: 'user-1', segnatura: registration.segnatura });
    expect(row.documents).toHaveLength(3);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { oggetto: `protocollo:${registration.id}` } });
    expect(audit).toMatchObject({ azione: 'PROTOCOLLO_ANNULLATO', actorId: 'user-1' });
  });

  it('when an annulled registration is annulled again, then it is refused in Italian, non-retryably, and nothing changes', async () => {
    const register = freshRegister();
    const registration = await register.register(request());
    const first = await register.annul({ registrationId: registration.id, motivo: 'Errore materiale', actorId: 'user-1' });
    const second = register.annul({ registrationId: registration.id, motivo: 'Di nuovo', actorId: 'user-2' });
    await expect(second).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(second).rejects.toMatchObject({ type: PROTOCOL_FAILURE.alreadyAnnulled, nonRetryable: true, message: expect.stringMatching(/è già stata annullata il \d{2}\/\d{2}\/\d{4}: /) });
    const row = await db.protocolRegistration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(row).toMatchObject({ annullamentoMotivo: 'Errore materiale', annullatoDa: 'user-1', annullatoAt: new Date(first.annullamento!.at) });
  });

  it('when two annulments of one registration race, then exactly one wins', async () => {
    const register = freshRegister();
    const registration = await register.register(request());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => register.annul({ registrationId: registration.id, motivo: `Motivo ${i}`, actorId: `user-${i}` })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });

  it('when a number is annulled, then the next registration takes the next number, never the annulled one', async () => {
    const register = freshRegister();
    const first = await register.register(request());
    await register.annul({ registrationId: first.id, motivo: 'Annullata', actorId: 'user-1' });
    expect((await register.register(request())).number).toBe(2);
  });

  it('when the registration to annul does not exist, then it is refused as not found', async () => {
    await expect(freshRegister().annul({ registrationId: randomUUID(), motivo: 'Errore', actorId: 'user-1' })).rejects.toMatchObject({
      type: PROTOCOL_FAILURE.notFound,
      nonRetryable: true,
    });
  });

  it('when a request is malformed, then it is refused non-retryably naming the field, and no number is taken', async () => {
    const register = freshRegister();
    const bad = request({ documenti: { primario: { nome: 'a.pdf', sha256: 'not-a-hash' }, allegati: [] } });
    await expect(register.register(bad)).rejects.toMatchObject({
      type: PROTOCOL_FAILURE.invalidRequest,
      nonRetryable: true,
      message: expect.stringContaining('documenti.primario.sha256'),
    });
    expect((await register.register(request())).number).toBe(1);
  });
});
