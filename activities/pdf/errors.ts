// Template failures are the caller's bug (an unknown name, data missing a field the act must print):
// retrying cannot fix them, so they are non-retryable; a browser failure stays an ordinary, retryable error.
import { ApplicationFailure } from '@temporalio/common';

export class ModelloSconosciuto extends ApplicationFailure {
  constructor(readonly template: string, available: string[]) {
    super(`Modello di documento sconosciuto: «${template}» (disponibili: ${available.join(', ')}).`, 'ModelloSconosciuto', true, [{ template }]);
    Object.defineProperty(this, 'name', { value: 'ModelloSconosciuto', enumerable: false });
  }
}

export class DatiModelloNonValidi extends ApplicationFailure {
  constructor(readonly template: string, cause: Error) {
    super(`Dati non validi per il modello «${template}»: ${cause.message}`, 'DatiModelloNonValidi', true, [{ template }], cause);
    Object.defineProperty(this, 'name', { value: 'DatiModelloNonValidi', enumerable: false });
  }
}
