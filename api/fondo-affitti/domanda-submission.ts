// The call's rules on a Comune's application, checked by the API when it is submitted (the form is receipt
// first): the window and each band's cap, as the procedure checks them. The task carries them — the call's
// bands and opening in its data, the deadline as its due date, which an extension moves — so the check
// reads nothing more; a task of a procedure started before carries no bands, and the call's row is read.
// What is taken in the window is then the task's TaskSubmission row's to keep, even if the procedure's
// deadline passes first.
import { sqlOf, type Db } from '../../prisma/client';
import type { DecisionOf, DecisionProblem } from '../../workflows/shared/forms';
import type { FasceParams } from '../../workflows/shared/fondo-affitti/bando';
import { controllaDomanda, type ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';

interface DomandaTask {
  data: unknown;
  dueAt: Date | null;
}

export async function checkDomandaFondo(db: Db, task: DomandaTask, domanda: DecisionOf<'domanda-fondo-affitti'>, receivedAt: Date): Promise<DecisionProblem | null> {
  const data = task.data as { bandoId: string; apertura: string; fasce?: FasceParams };
  const bando = data.fasce && task.dueAt
    ? { fasce: data.fasce, apertura: data.apertura, scadenza: task.dueAt.toISOString() }
    : await bandoOf(db, data.bandoId);
  return controllaDomanda(domanda, bando, receivedAt.getTime());
}

async function bandoOf(db: Db, bandoId: string) {
  const [bando] = await sqlOf(db).rows<{ apertura: Date; scadenza: Date; parametri: unknown }>`
    SELECT "apertura", "scadenza", "parametri" FROM "BandoFondo" WHERE "id" = ${bandoId}`;
  if (!bando) throw new Error(`call ${bandoId} of an application task not found`);
  const { fasce } = bando.parametri as ParametriBando;
  return { fasce, apertura: bando.apertura.toISOString(), scadenza: bando.scadenza.toISOString() };
}
