// ingestReceipt on its own: receipts built as the local provider builds them, or hostile ones, fed by hand.
import { randomUUID } from 'node:crypto';
import type { RecordedReceipt } from '../../../activities/pec/smtp-pec-service';
import type { PecMessage } from '../../../prisma/generated/client';
import { createPecService } from '../../../activities/pec/smtp-pec-service';
import { accettazione, avvenutaConsegna, erroreConsegna } from '../../../platform/pec-provider/receipts';
import { createDb, type Db } from '../../../prisma/client';
import { accepted, createSentMessage, daticertXml, PROVIDER, PROVIDER_STYLES, providerDaticert, receiptAround, type ReceiptFacts } from './receipt-fixtures';

describe('ingestReceipt', () => {
  let db: Db;
  let pec: ReturnType<typeof createPecService>;
  const recorded: RecordedReceipt[] = [];

  beforeAll(() => {
    db = createDb(process.env.DATABASE_URL!);
    // Nothing is sent in these tests: the transport is never opened.
    pec = createPecService({ db, smtp: { host: '127.0.0.1', port: 1, secure: false }, from: 'protocollo@pec.regione.puglia.it', onRecorded: async (event) => {
      recorded.push(event);
    } });
  });
  afterAll(async () => {
    pec.close();
    await db.$disconnect();
  });

  const receiptsOf = (pecMessageId: string) => db.pecReceipt.count({ where: { pecMessageId } });

  it('when the same receipt is ingested again, even concurrently, then it is recorded once and the others are duplicates', async () => {
    const message = await createSentMessage(db, { workflowId: 'wf-ingest' });
    const receipt = await accettazione(PROVIDER, accepted(message));
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => pec.ingestReceipt(receipt.raw)));
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'recorded']);
    expect(await pec.ingestReceipt(receipt.raw)).toBe('duplicate');
    expect(await receiptsOf(message.id)).toBe(1);
    expect(recorded.filter((event) => event.pecId === message.id)).toEqual([
      { pecId: message.id, workflowId: 'wf-ingest', enteId: null, tipo: 'accettazione', stato: 'ACCETTATO', errore: null },
    ]);
  });

  it('when a recorded receipt is read again from an unread mailbox entry, then it is not stored again and its procedure is told again with the current state', async () => {
    // The process that recorded it may have been killed before it told the procedure or marked it read.
    const message = await createSentMessage(db, { workflowId: 'wf-renotify' });
    const acceptance = await accettazione(PROVIDER, accepted(message));
    await pec.ingestReceipt(acceptance.raw);
    await pec.ingestReceipt((await avvenutaConsegna(PROVIDER, accepted(message), message.destinatario)).raw);
    expect(await pec.ingestReceipt(acceptance.raw, { notifyDuplicate: true })).toBe('duplicate');
    expect(await receiptsOf(message.id)).toBe(2);
    expect(recorded.filter((event) => event.pecId === message.id).map(({ tipo, stato }) => [tipo, stato])).toEqual([
      ['accettazione', 'ACCETTATO'], ['avvenuta-consegna', 'CONSEGNATO'], ['accettazione', 'CONSEGNATO'],
    ]);
  });

  it('when a receipt refers to a msgid the platform never sent, then it is an unknown message and nothing is stored', async () => {
    const message = await createSentMessage(db);
    const stranger = { ...message, messageId: `<${randomUUID()}@altrove.example>` };
    const receipt = await accettazione(PROVIDER, accepted(stranger));
    expect(await pec.ingestReceipt(receipt.raw)).toBe('unknown-message');
    expect(await db.pecReceipt.count({ where: { receiptMessageId: receipt.messageId } })).toBe(0);
  });

  it('when the consegna arrives before the accettazione, then the PEC stays CONSEGNATO and the late accettazione fills in its time', async () => {
    const message = await createSentMessage(db);
    const at = new Date('2026-11-23T09:15:30Z');
    const about = accepted(message, at);
    expect(await pec.ingestReceipt((await avvenutaConsegna(PROVIDER, about, message.destinatario)).raw)).toBe('recorded');
    expect(await pec.ingestReceipt((await accettazione(PROVIDER, about)).raw)).toBe('recorded');
    const status = await pec.status(message.id);
    expect(status).toMatchObject({ stato: 'CONSEGNATO', acceptedAt: at.toISOString(), deliveredAt: at.toISOString(), errore: null });
    expect(status.receipts).toHaveLength(2);
  });

  it('when an error receipt arrives after the consegna, or a consegna after an error, then the final state stays', async () => {
    const delivered = await createSentMessage(db);
    await pec.ingestReceipt((await avvenutaConsegna(PROVIDER, accepted(delivered), delivered.destinatario)).raw);
    await pec.ingestReceipt((await erroreConsegna(PROVIDER, accepted(delivered), delivered.destinatario, 'no-dest', '5.1.1 - Casella inesistente')).raw);
    expect(await pec.status(delivered.id)).toMatchObject({ stato: 'CONSEGNATO', errore: null });

    const failed = await createSentMessage(db);
    await pec.ingestReceipt((await erroreConsegna(PROVIDER, accepted(failed), failed.destinatario, 'no-dest', '5.1.1 - Casella inesistente')).raw);
    await pec.ingestReceipt((await accettazione(PROVIDER, accepted(failed))).raw);
    await pec.ingestReceipt((await avvenutaConsegna(PROVIDER, accepted(failed), failed.destinatario)).raw);
    const status = await pec.status(failed.id);
    expect(status.stato).toBe('ERRORE');
    expect(status.errore).toBe(`Mancata consegna a ${failed.destinatario} (no-dest): 5.1.1 - Casella inesistente`);
    expect(status.receipts).toHaveLength(3);
  });

  it('when a preavviso di mancata consegna arrives, then it is recorded and the PEC stays where it was', async () => {
    const message = await createSentMessage(db);
    await pec.ingestReceipt((await accettazione(PROVIDER, accepted(message))).raw);
    expect(await pec.ingestReceipt(await receiptAround(daticertXml(message.messageId, { tipo: 'preavviso-errore-consegna' })))).toBe('recorded');
    expect(await pec.status(message.id)).toMatchObject({ stato: 'ACCETTATO', failedAt: null, receipts: [{}, {}] });
  });

  it.each(PROVIDER_STYLES.map((style) => [style.name, style] as const))('when the provider writes daticert.xml with %s, then accettazione, consegna and errore-consegna move the PEC', async (_name, style) => {
    const receipt = async (message: PecMessage, tipo: ReceiptFacts['tipo']) =>
      receiptAround(providerDaticert(style, { tipo, msgid: message.messageId, mittente: message.mittente, destinatario: message.destinatario, oggetto: message.oggetto }));
    const delivered = await createSentMessage(db);
    expect(await pec.ingestReceipt(await receipt(delivered, 'accettazione'))).toBe('recorded');
    expect(await pec.status(delivered.id)).toMatchObject({ stato: 'ACCETTATO' });
    expect(await pec.ingestReceipt(await receipt(delivered, 'avvenuta-consegna'))).toBe('recorded');
    expect(await pec.status(delivered.id)).toMatchObject({ stato: 'CONSEGNATO', errore: null });

    const failed = await createSentMessage(db);
    expect(await pec.ingestReceipt(await receipt(failed, 'errore-consegna'))).toBe('recorded');
    expect(await pec.status(failed.id)).toMatchObject({ stato: 'ERRORE', errore: `Mancata consegna a ${failed.destinatario} (no-dest): 5.1.1 - Casella inesistente` });
  });

  it('when daticert.xml declares an external entity (XXE), then the receipt is refused and nothing is read or stored', async () => {
    const message = await createSentMessage(db);
    const xxe = daticertXml(message.messageId, { prolog: '<!DOCTYPE postacert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', body: '&xxe;' });
    const refusal = pec.ingestReceipt(await receiptAround(xxe));
    await expect(refusal).rejects.toMatchObject({ type: 'PEC_RICEVUTA_NON_VALIDA', nonRetryable: true, message: expect.stringContaining('DOCTYPE') });
    await expect(refusal).rejects.toMatchObject({ message: expect.not.stringContaining('root:') });
    expect(await receiptsOf(message.id)).toBe(0);
    expect(await pec.status(message.id)).toMatchObject({ stato: 'INVIATO', acceptedAt: null });
  });

  it('when daticert.xml carries a billion laughs, then it is refused at once without expanding anything', async () => {
    const message = await createSentMessage(db);
    const entities = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    const bomb = daticertXml(message.messageId, { prolog: `<!DOCTYPE postacert [${entities}]>\n`, body: '&lol9;' });
    const started = process.hrtime.bigint();
    await expect(pec.ingestReceipt(await receiptAround(bomb))).rejects.toMatchObject({ type: 'PEC_RICEVUTA_NON_VALIDA' });
    // A billion expansions would take minutes and gigabytes; refusing takes milliseconds.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
    expect(await receiptsOf(message.id)).toBe(0);
  });

  it('when a receipt cites the msgid but another recipient, then it is refused and the PEC does not move', async () => {
    const message = await createSentMessage(db);
    const other = await avvenutaConsegna(PROVIDER, accepted(message), 'qualcun.altro@pec.comune.bari.it');
    await expect(pec.ingestReceipt(other.raw)).rejects.toMatchObject({ type: 'PEC_RICEVUTA_NON_VALIDA' });
    expect(await pec.status(message.id)).toMatchObject({ stato: 'INVIATO', receipts: [] });
  });

  it('when a message has no daticert.xml, then it is refused as not a receipt', async () => {
    const message = await createSentMessage(db);
    const notAReceipt = await receiptAround(Buffer.from('x')).then((raw) => Buffer.from(raw.toString('latin1').replace(/daticert\.xml/g, 'altro.xml'), 'latin1'));
    await expect(pec.ingestReceipt(notAReceipt)).rejects.toMatchObject({ type: 'PEC_RICEVUTA_NON_VALIDA', message: expect.stringContaining('0 allegati daticert.xml') });
    expect(await receiptsOf(message.id)).toBe(0);
  });
});
