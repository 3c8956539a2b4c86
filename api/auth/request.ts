import type { Request } from 'express';
import type { Actor } from '../../workflows/shared/actor';
import { AppError } from '../errors';

// Express's own Request type lives in express-serve-static-core; augmenting it reaches every handler.
declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user, loaded fresh from the database by `requireActor` on every request. */
    actor?: Actor;
  }
}

export const notSignedIn = () => new AppError('NON_AUTENTICATO', 401, 'Sessione assente o scaduta: accedi di nuovo.');

/** The actor of a request that went through `requireActor`; a 401 if the route forgot to. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw notSignedIn();
  return req.actor;
}
