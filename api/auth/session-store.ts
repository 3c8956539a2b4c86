import type { Request } from 'express';
import session, { type SessionData } from 'express-session';
import { sqlOf, type Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { Actor } from '../../workflows/shared/actor';
import { actorOfRow, actorReadWithSession, readIdentity } from './actor';

/** The person read with a session's row, carried (not enumerable, never stored) to `createSession`. */
const ACTOR = Symbol('actor');
type ReadSession = SessionData & { [ACTOR]?: Actor };

export interface SessionStoreOptions {
  /** Lifetime of a session whose cookie carries no expiry (express-session sets one whenever maxAge is). */
  fallbackTtlMs?: number;
  /** Expired rows are deleted at most this often, piggybacking on writes instead of running a timer. */
  pruneIntervalMs?: number;
  /**
   * A session's expiry is moved forward at most this often (default a minute): a rolling session is touched
   * by every request, and a write per request would cost more than the request. The row may expire up to
   * this much before the cookie says, after hours of inactivity.
   */
  touchIntervalMs?: number;
  now?: () => Date;
}

/** Sessions whose last touch is remembered; past it the memory starts again (a few touches more, no harm). */
const MAX_TOUCHED = 50_000;

/**
 * express-session's store over the Prisma `Session` table, so sessions survive a restart of the API
 * and are shared by every API process. An expired row is never returned, whether or not pruned yet.
 */
export class PrismaSessionStore extends session.Store {
  private readonly fallbackTtlMs: number;
  private readonly pruneIntervalMs: number;
  private readonly now: () => Date;
  private readonly touchIntervalMs: number;
  private nextPruneAt = 0;
  /** When this process last moved each session's expiry. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    options: SessionStoreOptions = {},
  ) {
    super();
    this.fallbackTtlMs = options.fallbackTtlMs ?? 24 * 60 * 60 * 1000;
    this.pruneIntervalMs = options.pruneIntervalMs ?? 15 * 60 * 1000;
    this.touchIntervalMs = options.touchIntervalMs ?? 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    settle(this.read(sid), callback);
  }

  /** Hands the person read with the session to `requireActor`, which then needs no statement of its own. */
  override createSession(req: Request, data: ReadSession) {
    const actor = data[ACTOR];
    if (actor) actorReadWithSession.set(req, actor);
    return super.createSession(req, data);
  }

  override set(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    settle(this.write(sid, data), callback);
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.touchedAt.delete(sid);
    settle(
      this.db.session.deleteMany({ where: { sid } }).then(() => undefined),
      callback,
    );
  }

  override touch(sid: string, data: SessionData, callback?: (error?: unknown) => void): void {
    if (!this.dueForTouch(sid)) return callback?.();
    // Only the expiry moves: the stored data is unchanged by definition of a touch.
    settle(
      sqlOf(this.db).count`UPDATE "Session" SET "expiresAt" = (${this.expiryOf(data).toISOString()}::timestamptz AT TIME ZONE 'UTC') WHERE "sid" = ${sid}`.then(() => undefined),
      callback,
    );
  }

  /** Deletes every expired session now; returns how many. */
  async prune(): Promise<number> {
    const { count } = await this.db.session.deleteMany({ where: { expiresAt: { lte: this.now() } } });
    return count;
  }

  /**
   * Whether this session's expiry is due to move (not moved by this process within touchIntervalMs): if so,
   * it counts as moved from now.
   */
  private dueForTouch(sid: string): boolean {
    const now = this.now().getTime();
    if (now - (this.touchedAt.get(sid) ?? -Infinity) < this.touchIntervalMs) return false;
    if (this.touchedAt.size >= MAX_TOUCHED) this.touchedAt.clear();
    this.touchedAt.set(sid, now);
    return true;
  }

  /**
   * The session, and its person, in one statement (every request pays for this read); when due, the same
   * statement moves its expiry as express-session's touch at the end of the request would, which then finds
   * nothing left to do.
   */
  private async read(sid: string): Promise<ReadSession | null> {
    const row = await readIdentity(this.db, { sid, touchAt: this.dueForTouch(sid) ? this.now() : undefined });
    if (!row?.session || !row.expiresAt) return null;
    if (row.expiresAt <= this.now()) {
      await this.db.session.deleteMany({ where: { sid, expiresAt: { lte: this.now() } } });
      return null;
    }
    const data = row.session as ReadSession;
    if (row.id) Object.defineProperty(data, ACTOR, { value: actorOfRow({ ...row, id: row.id }), enumerable: false });
    return data;
  }

  private async write(sid: string, data: SessionData): Promise<void> {
    const expiresAt = this.expiryOf(data);
    // The session holds only JSON values; the round trip turns the Cookie object into its JSON form.
    const json = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue;
    await this.db.session.upsert({
      where: { sid },
      create: { sid, data: json, expiresAt },
      update: { data: json, expiresAt },
    });
    await this.pruneWhenDue();
  }

  private expiryOf(data: SessionData): Date {
    const expires = data.cookie?.expires;
    if (expires) return new Date(expires);
    return new Date(this.now().getTime() + this.fallbackTtlMs);
  }

  private async pruneWhenDue(): Promise<void> {
    const now = this.now().getTime();
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + this.pruneIntervalMs;
    await this.prune();
  }
}

/** Bridges a promise to express-session's callback style, passing failures on rather than losing them. */
function settle<T>(promise: Promise<T>, callback: ((error: unknown, value?: T) => void) | undefined): void {
  promise.then(
    (value) => callback?.(null, value),
    (error: unknown) => {
      if (callback) callback(error);
      else console.error('[auth] session store operation failed', error);
    },
  );
}
