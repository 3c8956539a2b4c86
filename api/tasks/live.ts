// Live inbox: the database notifies channel `attivita` with the id of every task that changes (a trigger,
// prisma/migrations/*_attivita_notifiche), whichever process changed it; the API listens on one connection
// and tells each open inbox, over server-sent events, that tasks it may see have changed. The event
// carries nothing but that: the page reads again through the usual endpoints, with their checks.
import type { Request, Response } from 'express';
import { Client } from 'pg';
import type { Actor } from '../../workflows/shared/actor';
import type { ApiRuntime } from '../runtime';
import { loadActor } from '../auth/actor';
import { visibleWhere } from './visibility';

/** Changed task ids, gathered for a moment so that a burst (a campaign opening 300 tasks) is one event. */
export type TaskChangeListener = (taskIds: readonly string[]) => void;

export interface TaskChangeFeed {
  subscribe(listener: TaskChangeListener): () => void;
  close(): Promise<void>;
}

const GATHER_MS = 250;
const RECONNECT_MS = 1_000;

/**
 * Listens on `attivita`, reconnecting after the database is lost (then every inbox reads again: changes
 * may have been missed meanwhile, said with an empty list of ids).
 */
export function listenToTaskChanges(databaseUrl: string, log: (message: string) => void = () => undefined): TaskChangeFeed {
  const listeners = new Set<TaskChangeListener>();
  let gathered = new Set<string>();
  let flush: NodeJS.Timeout | undefined;
  let client: Client | undefined;
  let closed = false;

  const emit = (ids: readonly string[]) => {
    for (const listener of listeners) listener(ids);
  };
  const gather = (id: string) => {
    gathered.add(id);
    flush ??= setTimeout(() => {
      const ids = [...gathered];
      gathered = new Set();
      flush = undefined;
      emit(ids);
    }, GATHER_MS);
    flush.unref();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const connecting = new Client({ connectionString: databaseUrl });
    const lost = () => {
      if (client !== connecting) return;
      client = undefined;
      void connecting.end().catch(() => undefined);
      setTimeout(() => void connect(), RECONNECT_MS).unref();
    };
    connecting.on('error', lost);
    connecting.on('end', lost);
    connecting.on('notification', (notification) => {
      if (notification.payload) gather(notification.payload);
    });
    client = connecting;
    try {
      await connecting.connect();
      // Listening never keeps the process alive: it stops when everything else has.
      (connecting as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await connecting.query('LISTEN attivita');
      emit([]);
    } catch (error) {
      log(`attività in tempo reale: database non raggiungibile (${(error as Error).message}), nuovo tentativo`);
      lost();
    }
  }
  void connect();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(flush);
      listeners.clear();
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}

const HEARTBEAT_MS = 25_000;
/** A stream lasts this long, then the browser reconnects: the session is checked again. */
const STREAM_MS = 2 * 60_000;

/** GET /api/tasks/eventi: an `attivita` event whenever tasks the actor may see change. */
export function streamTaskChanges(runtime: Pick<ApiRuntime, 'db' | 'regioneEnteId' | 'taskChanges'>, actor: Actor, req: Request, res: Response): void {
  // Set, not written with writeHead: what the response is stays readable (a graceful close ends streams at once).
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  // `tutte`: the database was lost for a while and changes may have been missed: read everything again.
  const send = (tutte = false) => res.write(`event: attivita\ndata: ${JSON.stringify(tutte ? { tutte } : {})}\n\n`);
  const unsubscribe = runtime.taskChanges.subscribe((ids) => {
    if (ids.length === 0) return void send(true);
    // The roles of this moment, not those of when the stream opened: a revocation silences it at once.
    loadActor(runtime.db, actor.userId)
      .then((now) => runtime.db.task.count({ where: { AND: [{ id: { in: [...ids] } }, visibleWhere(now, runtime.regioneEnteId)] } }))
      .then((seen) => seen > 0 && send())
      .catch(() => res.end());
  });
  const heartbeat = setInterval(() => res.write(': ancora qui\n\n'), HEARTBEAT_MS).unref();
  const end = setTimeout(() => res.end(), STREAM_MS).unref();
  req.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(end);
  });
}
