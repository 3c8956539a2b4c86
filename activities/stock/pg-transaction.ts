// One PostgreSQL transaction on a plain `pg` connection — what COPY needs, since Prisma's driver
// adapter exposes no COPY. The connection comes from the caller's pool, or is opened for the call
// from a URL and closed after it.
import { Client, type ClientBase, type Pool } from 'pg';

/** A pool shared by the worker's activities, or a connection string for a one-off connection. */
export type PgSource = Pool | string;

async function connect(source: PgSource): Promise<{ client: ClientBase; done: (broken?: Error) => Promise<void> }> {
  if (typeof source === 'string') {
    const client = new Client({ connectionString: source });
    await client.connect();
    return { client, done: () => client.end() };
  }
  const client = await source.connect();
  // A connection whose rollback failed is in an unknown state: release(error) discards it.
  return { client, done: async (broken) => client.release(broken) };
}

/** Runs `work` between BEGIN and COMMIT; on any failure rolls back and rethrows, so nothing is stored. */
export async function inPgTransaction<T>(source: PgSource, work: (client: ClientBase) => Promise<T>): Promise<T> {
  const { client, done } = await connect(source);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The work's error is the one to report; the failed rollback only condemns the connection.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    await done(broken);
  }
}
