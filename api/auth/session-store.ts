import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { Actor } from '../../workflows/shared/actor';
import { actorOfRow, readIdentity } from './actor';
import type { SessionData } from './session';

export interface SessionStoreOptions {
  /** A session ends this long after its last request (its expiry rolls forward). */
  ttlMs: number;
  /** Expired rows are deleted at most this often, piggybacking on writes instead of running a timer. */
  pruneIntervalMs?: number;
  /**
   * A session's expiry is moved forward at most this often (default a minute): a write per request would cost
   * more than the request. The row may expire up to this much early, after hours of inactivity.
   */
  touchIntervalMs?: number;
  now?: () => Date;
}

/** What a request finds of its session. */
export interface FoundSession {
  data: SessionData;
  /** The person, read in the same statement, for `requireActor`. */
  actor?: Actor;
  /** When this read moved the session's expiry, the new one (the cookie's is moved with it). */
  touchedUntil?: Date;
}

/** Sessions whose last touch is remembered; past it the memory starts again (a few touches more, no harm). */
const MAX_TOUCHED = 50_000;

/**
 * Sessions in the Prisma `Session` table, so they survive a restart of the API and are shared by every API
 * process. An expired row is never returned, whether or not pruned yet.
 */
export class SessionStore {
  private readonly ttlMs: number;
  private readonly pruneIntervalMs: number;
  private readonly now: () => Date;
  private readonly touchIntervalMs: number;
  private nextPruneAt = 0;
  /** When this process last moved each session's expiry. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    options: SessionStoreOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.pruneIntervalMs = options.pruneIntervalMs ?? 15 * 60 * 1000;
    this.touchIntervalMs = options.touchIntervalMs ?? 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The session and its person in one statement (every request pays for this read); when due, the same
   * statement moves its expiry.
   */
  async read(sid: string): Promise<FoundSession | null> {
    const now = this.now();
    const touchAt = this.dueForTouch(sid) ? now : undefined;
    const row = await readIdentity(this.db, { sid, touch: touchAt && { at: touchAt, ttlMs: this.ttlMs } });
    if (!row?.session || !row.expiresAt) return null;
    if (row.expiresAt <= now) {
      await this.db.session.deleteMany({ where: { sid, expiresAt: { lte: now } } });
      return null;
    }
    const data = row.session as SessionData;
    return {
      data,
      actor: row.id && data.userId === row.id ? actorOfRow({ ...row, id: row.id }) : undefined,
      touchedUntil: touchAt && new Date(touchAt.getTime() + this.ttlMs),
    };
  }

  /** Stores a new session; returns its expiry. */
  async create(sid: string, data: SessionData): Promise<Date> {
    const expiresAt = this.expiryFromNow();
    await this.db.session.create({ data: { sid, data: asJson(data), expiresAt } });
    this.touchedAt.set(sid, this.now().getTime());
    await this.pruneWhenDue();
    return expiresAt;
  }

  /**
   * Stores an existing session's data; null when its row is gone (logged out or expired meanwhile, in another
   * tab): an upsert would bring a session back that a logout ended.
   */
  async update(sid: string, data: SessionData): Promise<Date | null> {
    const expiresAt = this.expiryFromNow();
    const { count } = await this.db.session.updateMany({ where: { sid }, data: { data: asJson(data), expiresAt } });
    if (count === 0) return null;
    this.touchedAt.set(sid, this.now().getTime());
    return expiresAt;
  }

  async destroy(sid: string): Promise<void> {
    this.touchedAt.delete(sid);
    await this.db.session.deleteMany({ where: { sid } });
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

  private expiryFromNow(): Date {
    return new Date(this.now().getTime() + this.ttlMs);
  }

  private async pruneWhenDue(): Promise<void> {
    const now = this.now().getTime();
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + this.pruneIntervalMs;
    await this.prune();
  }
}

/** The session holds only JSON values: the round trip also refuses what is not (a cycle throws). */
function asJson(data: SessionData): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue;
}
