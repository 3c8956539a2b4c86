// A Comune's application once its share is known: a share below the need asks the Comune to publish its
// revised ranking; once the Region records the liquidation, the Comune reports what it paid within the
// call's days, reminded by PEC past them, and the Region reviews the report (the kit's istruttoria:
// approve, or ask to correct it by a deadline). Both go on side by side.
import { condition } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { HumanTasks } from './human-tasks';
import { Istruttoria } from './kit/istruttoria';
import type { Notices } from './kit/notices';
import type { TaskCandidates } from './shared/actor';
import {
  controllaRendicontazione,
  DOMANDA_FONDO,
  GIORNI_GRADUATORIA_RIDETERMINATA,
  GIORNI_ISTRUTTORIA_DOMANDA,
  GIORNI_RENDICONTAZIONE,
  type DomandaFondoInput,
  type Liquidazione,
  type QuotaAssegnata,
} from './shared/fondo-affitti/procedura';
import type { DecisionOf } from './shared/forms';
import { message } from './shared/messages';
import { formatEuro } from './shared/money';
import { formatScarto } from './shared/percent';
import type { StateOf } from './shared/procedure';
import type { DOMANDA_FONDO_PROCEDURE } from './shared/procedures';

/** What the application's workflow knows and holds, handed on: its tasks, activities, notices and state. */
export interface ShareContext {
  input: DomandaFondoInput;
  dayMs: number;
  tasks: HumanTasks;
  acts: Activities;
  notices: Notices;
  setStato: (stato: StateOf<typeof DOMANDA_FONDO_PROCEDURE>) => void;
  referenti: TaskCandidates;
  istruttori: TaskCandidates;
  about: { bandoId: string; titoloBando: string; domandaId: string; ente: string };
  valori: { denominazione: string; titoloBando: string };
  pec: string;
  cofinanziamento: string;
  assigned: QuotaAssegnata;
  /** The share over the need, and as the Comune reads it («91,40 %»). */
  coverage: number;
  copertura: string;
  scoperto: boolean;
  /** The liquidation, once the call has signalled it. */
  liquidazione: () => Liquidazione | null;
}

export async function publishAndReport(context: ShareContext): Promise<'RENDICONTATA' | 'RENDICONTAZIONE_MANCATA'> {
  const { input, dayMs, tasks, acts, notices, setStato, referenti, istruttori, about, valori, pec, cofinanziamento, assigned, coverage, copertura, scoperto, liquidazione } = context;

  // A share below the need: every award is cut in proportion, and the revised ranking published.
  const graduatoria = async () => {
    if (!scoperto) return;
    const riduzione = formatScarto(coverage);
    const pubblicata = await tasks.ask({
      taskKey: 'graduatoria-rideterminata',
      titolo: `Graduatoria rideterminata: ${input.titoloBando}`,
      procedura: DOMANDA_FONDO,
      enteId: input.enteId,
      candidates: referenti,
      dueAt: new Date(Date.now() + GIORNI_GRADUATORIA_RIDETERMINATA * dayMs).toISOString(),
      formKey: 'graduatoria-rideterminata',
      data: {
        ...about, quota: assigned.quota, fabbisogno: assigned.fabbisogno, copertura, riduzione,
        // Worded so that no article depends on the figure («il 91,40 %», «l’86,21 %»).
        indicazione: `La quota di ${formatEuro(assigned.quota)} non copre l’intero fabbisogno ammesso di ${formatEuro(assigned.fabbisogno)} (copertura: ${copertura}): riduci in proporzione ogni contributo della graduatoria (${riduzione}) e pubblica la graduatoria rideterminata.`,
      },
    });
    await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'QUOTA_ASSEGNATA', graduatoriaRideterminataDocumentId: pubblicata.decision.graduatoriaDocumentId, actorId: pubblicata.actor.userId });
  };
  // The Region pays the share by a liquidation act; the report is due the call's days later (60 unless it says otherwise).
  const rendicontazione = async (): Promise<'RENDICONTATA' | 'RENDICONTAZIONE_MANCATA'> => {
    await condition(() => liquidazione() !== null);
    const pagata = liquidazione()!;
    const scadenza = new Date(Date.parse(pagata.liquidataIl) + (input.giorniRendicontazione ?? GIORNI_RENDICONTAZIONE) * dayMs).toISOString();
    await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'LIQUIDATA', rendicontazioneScadenza: scadenza });
    setStato('LIQUIDATA');
    await notices.send('liquidazione', pec, message('fondo-liquidazione', { ...valori, importo: pagata.importo, numeroAtto: pagata.numeroAtto, dataAtto: pagata.dataAtto, scadenza }));
    const fondi = { quota: assigned.quota, cofinanziamento };
    const task = { procedura: DOMANDA_FONDO, enteId: input.enteId, candidates: referenti, formKey: 'rendicontazione-fondo' as const };
    const taskData = { ...about, ...fondi, liquidazione: { numeroAtto: pagata.numeroAtto, dataAtto: pagata.dataAtto, liquidataIl: pagata.liquidataIl } };
    const check = (decision: DecisionOf<'rendicontazione-fondo'>) => controllaRendicontazione(decision, fondi);
    // Past the due date with nothing sent, the Comune is reminded by PEC; the task stays open.
    let sent = false;
    const reminder = (async () => {
      if (await condition(() => sent, Math.max(0, Date.parse(scadenza) - Date.now()))) return;
      await notices.send('rendicontazione-sollecito', pec, message('fondo-rendicontazione-sollecito', { ...valori, scadenza }));
    })();
    let resa = await tasks.ask({ ...task, taskKey: 'rendicontazione', titolo: `Rendicontazione: ${input.titoloBando}`, dueAt: scadenza, data: taskData }, check);
    sent = true;
    await reminder;
    const inVerifica = async (answer: typeof resa) => {
      resa = answer;
      await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'RENDICONTAZIONE_IN_VERIFICA', rendicontazione: answer.decision, actorId: answer.actor.userId });
      setStato('RENDICONTAZIONE_IN_VERIFICA');
    };
    await inVerifica(resa);
    // The report each review round reads: its relazione, as filed.
    const allegatiResi = new Map([[1, await acts.documentiDomanda({ documentIds: [resa.decision.relazioneDocumentId] })]]);
    const verifica = new Istruttoria<'verifica-rendicontazione-fondo', 'rendicontazione-fondo'>({ tasks, notices }, {
      keyPrefix: 'rendicontazione-',
      review: (round) => {
        const [relazione] = allegatiResi.get(round)!;
        return {
          titolo: `Verifica della rendicontazione: ${input.enteDenominazione}`,
          procedura: DOMANDA_FONDO,
          enteId: input.enteId,
          candidates: istruttori,
          dueAt: new Date(Date.now() + GIORNI_ISTRUTTORIA_DOMANDA * dayMs).toISOString(),
          formKey: 'verifica-rendicontazione-fondo',
          data: {
            ...about, ...fondi, round, relazione: relazione!,
            pagatoA: resa.decision.pagatoA, beneficiariA: resa.decision.beneficiariA, pagatoB: resa.decision.pagatoB, beneficiariB: resa.decision.beneficiariB, residuo: resa.decision.residuo,
            ...(resa.decision.note ? { note: resa.decision.note } : {}),
          },
        };
      },
      integration: {
        pec,
        dayMs: dayMs,
        requested: async (review) => {
          await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'RENDICONTAZIONE_INTEGRAZIONE', richiesta: review.decision.richiesta, actorId: review.actor.userId });
          setStato('RENDICONTAZIONE_INTEGRAZIONE');
        },
        message: (review, integrazioneScadenza) => message('fondo-rendicontazione-integrazione', { ...valori, scadenza: integrazioneScadenza, richiesta: review.decision.richiesta! }),
        task: (review) => ({ ...task, titolo: `Correzione della rendicontazione: ${input.titoloBando}`, data: { ...taskData, richiesta: review.decision.richiesta! } }),
        check,
        received: async (answer) => {
          await inVerifica(answer);
          allegatiResi.set(verifica.round + 1, await acts.documentiDomanda({ documentIds: [answer.decision.relazioneDocumentId] }));
        },
        lapsed: async () => {
          await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'RENDICONTAZIONE_MANCATA' });
          setStato('RENDICONTAZIONE_MANCATA');
        },
        lapseMessage: (integrazioneScadenza) => message('fondo-rendicontazione-mancata', { ...valori, scadenza: integrazioneScadenza }),
      },
    });
    const esito = await verifica.decide();
    if (esito.esito === 'DECADUTA') return 'RENDICONTAZIONE_MANCATA';
    await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'RENDICONTATA', actorId: esito.review.actor.userId });
    setStato('RENDICONTATA');
    return 'RENDICONTATA';
  };
  const [, rendicontata] = await Promise.all([graduatoria(), rendicontazione()]);
  return rendicontata;
}
