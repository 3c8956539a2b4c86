// Whose stock the caller may read: the Region's people every ente's, everyone else the enti they hold a
// role for (StockFilter.enteIds). The stock queries take the list and never read outside it.
import { ApplicationFailure } from '@temporalio/common';
import { STOCK_FAILURE } from '../../activities/stock';
import type { Actor } from '../../workflows/shared/actor';
import { readableEnteIds } from '../read-access';
import { AppError, forbidden } from '../errors';

/** Undefined: every ente (the Region). A user without any role gets a 403: there is no stock of theirs to see. */
export function visibleStockEnti(actor: Actor, regioneEnteId: string): string[] | undefined {
  const readable = readableEnteIds(actor, regioneEnteId);
  if (readable?.length === 0) throw forbidden('Il patrimonio si consulta con un ruolo presso un ente accreditato.');
  return readable;
}

export function seesStockOf(enteIds: readonly string[] | undefined, enteId: string): boolean {
  return enteIds === undefined || enteIds.includes(enteId);
}

/**
 * The stock's own argument checks (a date, a page size) reject with an ApplicationFailure, as the
 * activities need; the API parses first, so one reaching here is still the caller's input: a 422.
 */
export async function stockCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApplicationFailure && error.type === STOCK_FAILURE.invalidRequest) {
      throw new AppError('DATI_NON_VALIDI', 422, error.message);
    }
    throw error;
  }
}
