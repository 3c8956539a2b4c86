// The call's rules on a Comune's application, checked by the API when it is submitted (the form is receipt
// first): the window and each band's cap, from the call as the database holds it now. What is taken in the
// window is then the task's TaskSubmission row's to keep, even if the procedure's deadline passes first.
import { sqlOf, type Db } from '../../prisma/client';
import type { DecisionOf, DecisionProblem } from '../../workflows/shared/forms';
import { controllaDomanda, type ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';

export async function checkDomandaFondo(db: Db, task: { data: unknown }, domanda: DecisionOf<'domanda-fondo-affitti'>, receivedAt: Date): Promise<DecisionProblem | null> {
  const { bandoId } = task.data as { bandoId: string };
  // A plain statement: at the deadline every Comune's submission reads its call at once.
  const [bando] = await sqlOf(db).rows<{ apertura: Date; scadenza: Date; parametri: unknown }>`
    SELECT "apertura", "scadenza", "parametri" FROM "BandoFondo" WHERE "id" = ${bandoId}`;
  if (!bando) throw new Error(`call ${bandoId} of an application task not found`);
  const { fasce } = bando.parametri as unknown as ParametriBando;
  return controllaDomanda(domanda, { fasce, apertura: bando.apertura.toISOString(), scadenza: bando.scadenza.toISOString() }, receivedAt.getTime());
}
