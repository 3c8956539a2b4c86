import { ACCREDITAMENTO } from '../workflows/shared/accreditamento';
import { INVIO_FLUSSI } from '../workflows/shared/flussi';
import { INVIO_GENERICO } from '../workflows/shared/invio-generico';
import { RICOGNIZIONE } from '../workflows/shared/ricognizione';

/** The procedures people see in filters and lists, with their Italian names. */
export const PROCEDURE_LABELS: Record<string, string> = {
  [ACCREDITAMENTO]: 'Accreditamento ente',
  [INVIO_FLUSSI]: 'Invio flussi patrimoniali',
  [INVIO_GENERICO]: 'Invio generico',
  [RICOGNIZIONE]: 'Ricognizione patrimoniale',
};

export const procedureLabel = (procedura: string) => PROCEDURE_LABELS[procedura] ?? procedura;
