import { randomUUID } from 'node:crypto';
import { createDatabaseProtocolRegister } from '../../activities/protocol/database-protocol-register';
import { createDb, type Db } from '../../prisma/client';

describe('database protocol register', () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(process.env.DATABASE_URL!, 25);
  });
  afterAll(() => db.$disconnect());

  /** A register of its own per test, so the numbers start at 1. */
  const freshRegister = () => createDatabaseProtocolRegister(db, { aoo: `AOO_${randomUUID().slice(0, 8)}`, register: 'PG' });
  const request = (key: string) => ({ idempotencyKey: key, direction: 'ENTRATA' as const, oggetto: 'Prova', corrispondente: 'Comune di Bari', workflowId: 'wf' });

  it('when 40 requests arrive at once, then the numbers are 1..40, unique and gapless', async () => {
    const register = freshRegister();
    const registrations = await Promise.all(Array.from({ length: 40 }, () => register.register(request(randomUUID()))));
    expect(registrations.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(registrations.map((r) => r.year)).size).toBe(1);
  });

  it('when the same key is registered again, concurrently or later, then the first registration is returned', async () => {
    const register = freshRegister();
    const key = `wf-${randomUUID()}/protocollo-entrata`;
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => register.register(request(key))));
    const later = await register.register(request(key));
    expect(new Set([...concurrent, later].map((r) => r.id)).size).toBe(1);
    expect(later.number).toBe(1);
    const next = await register.register(request(randomUUID()));
    expect(next.number).toBe(2);
  });

  it('when two registers share the database, then each numbers on its own', async () => {
    const first = freshRegister();
    const second = freshRegister();
    expect((await first.register(request(randomUUID()))).number).toBe(1);
    expect((await second.register(request(randomUUID()))).number).toBe(1);
  });
});
