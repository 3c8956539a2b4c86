import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { sqlOn, type Sql } from './sql';

export type Db = PrismaClient;

const plainStatements = new WeakMap<Db, Sql>();

/**
 * One client per process: Prisma 7 with the pg driver adapter needs no engine binary. Its pool also runs
 * the hot paths' plain statements (`sqlOf`), so they share its connections and their limit.
 */
export function createDb(databaseUrl: string, maxConnections = 10): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool and the next statement
  // opens another: nothing to do but not let the event end the process.
  pool.on('error', () => undefined);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  plainStatements.set(db, sqlOn(pool));
  return db;
}

/** Plain statements on `db`'s connections (./sql.ts). */
export function sqlOf(db: Db): Sql {
  const sql = plainStatements.get(db);
  if (!sql) throw new Error('sqlOf: a client not made by createDb');
  return sql;
}
