import { ACCREDITAMENTO } from '../workflows/shared/accreditamento';
import { INVIO_FLUSSI } from '../workflows/shared/flussi';
import { INVIO_GENERICO } from '../workflows/shared/invio-generico';

/** The procedures people see in filters and lists, with their Italian names. */
export const PROCEDURE_LABELS: Record<string, string> = {
  [ACCREDITAMENTO]: 'Accreditamento ente',
  [INVIO_FLUSSI]: 'Invio flussi patrimoniali',
  [INVIO_GENERICO]: 'Invio generico',
};

export const procedureLabel = (procedura: string) => PROCEDURE_LABELS[procedura] ?? procedura;
