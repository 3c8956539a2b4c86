// The PEC adapter against the local provider over real SMTP, on a database of its own (rows are counted).
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { parseDaticert } from '../../../activities/pec/daticert';
import type { PecSendInput } from '../../../activities/pec/pec';
import type { ReceiptReader } from '../../../activities/pec/receipt-inbox';
import { createPecService, messageIdFor } from '../../../activities/pec/smtp-pec-service';
import { type LocalPecProvider, startLocalPecProvider } from '../../../platform/pec-provider';
import { readLocalReceipts } from '../../../platform/pec-provider/receipt-reader';
import { createDb, type Db } from '../../../prisma/client';
import { createFreshDatabase, type FreshDatabase } from '../../support/fresh-database';
import { eventually } from '../../support/platform';

const SENDER = 'protocollo@pec.regione.puglia.it';
/** A store of its own for each provider, in the run's data folder (removed at the end of the run). */
const providerDir = () => path.join(process.env.PUSH_TEST_DATA_DIR!, 'pec-provider', randomUUID());

describe('PEC adapter with the local provider', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let provider: LocalPecProvider;
  let pec: ReturnType<typeof createPecService>;
  let receipts: ReceiptReader<unknown>;
  const providerErrors: unknown[] = [];

  beforeAll(async () => {
    fresh = await createFreshDatabase('push_pec');
    db = createDb(fresh.url);
    provider = await startLocalPecProvider({ port: 0, dir: providerDir(), onError: (error) => providerErrors.push(error) });
    pec = createPecService({ db, smtp: { host: '127.0.0.1', port: provider.port, secure: false }, from: SENDER });
    // The platform reads receipts from the local provider's mailbox as the adapters wire it.
    receipts = readLocalReceipts(provider, pec, { address: SENDER, onError: (error) => providerErrors.push(error) });
  });
  afterAll(async () => {
    await provider.close();
    await receipts.stop();
    pec.close();
    await db.$disconnect();
    await fresh.drop();
  });
  afterEach(() => expect(providerErrors).toEqual([]));

  const request = (to: string, extra: Partial<PecSendInput> = {}): PecSendInput => ({
    idempotencyKey: `wf-${randomUUID()}/pec/esito`,
    to,
    subject: 'Esito della richiesta di accreditamento',
    text: 'Si comunica che la richiesta è stata accolta.',
    workflowId: 'wf-test',
    ...extra,
  });
  const settled = (id: string, receipts: number) =>
    eventually(async () => {
      const status = await pec.status(id);
      return status.receipts.length === receipts ? status : null;
    });

  it('when a PEC is sent to a served mailbox, then it is accepted and delivered, with both receipts stored', async () => {
    const to = 'protocollo@pec.comune.bari.it';
    const sent = await pec.send(request(to));
    expect(sent).toMatchObject({ stato: 'INVIATO', from: SENDER, to });
    expect(sent.sentAt).not.toBeNull();

    const status = await settled(sent.id, 2);
    expect(status.stato).toBe('CONSEGNATO');
    expect(status.acceptedAt).not.toBeNull();
    expect(status.deliveredAt).not.toBeNull();
    const daticerts = status.receipts.map((receipt) => ({ stored: receipt.tipo, ...parseDaticert(Buffer.from(receipt.daticert)).daticert }));
    expect(daticerts.map((d) => d.tipo).sort()).toEqual(['accettazione', 'avvenuta-consegna']);
    for (const daticert of daticerts) {
      expect(daticert.tipo).toBe(daticert.stored);
      expect(daticert.msgid).toBe(sent.messageId);
      expect(daticert.mittente).toBe(SENDER);
    }
    expect(daticerts.find((d) => d.tipo === 'avvenuta-consegna')?.consegna).toBe(to);
    // The same receipts wait in the sender's mailbox at the provider.
    expect(provider.mailbox(SENDER).filter((entry) => status.receipts.some((r) => r.receiptMessageId === entry.messageId))).toHaveLength(2);
  });

  it('when a PEC carries attachments, then they arrive byte-identical inside the busta in the recipient\'s mailbox', async () => {
    const to = 'ufficio.casa@pec.comune.lecce.it';
    const pdf = randomBytes(300_000);
    const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><atto>Città di Lecce – à è ì</atto>', 'utf8');
    const sent = await pec.send(request(to, {
      attachments: [
        { filename: 'determina.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'segnatura.xml', content: xml, contentType: 'application/xml' },
      ],
    }));
    await settled(sent.id, 2);

    const [busta] = provider.mailbox(to);
    expect(busta).toMatchObject({ tipo: 'posta-certificata', subject: `POSTA CERTIFICATA: ${sent.subject}` });
    const envelope = await simpleParser(busta!.raw, { ignoreEmbedded: true });
    expect(envelope.headers.get('x-trasporto')).toBe('posta-certificata');
    const postacert = envelope.attachments.find((attachment) => attachment.filename === 'postacert.eml');
    const original = await simpleParser(postacert!.content);
    expect(original.messageId).toBe(sent.messageId);
    expect(original.attachments.find((a) => a.filename === 'determina.pdf')!.content.equals(pdf)).toBe(true);
    expect(original.attachments.find((a) => a.filename === 'segnatura.xml')!.content.equals(xml)).toBe(true);
  });

  it('when the recipient mailbox or domain does not exist, then the PEC ends in ERRORE with the errore-consegna receipt', async () => {
    for (const [to, errore] of [['inesistente.ufficio@pec.comune.foggia.it', 'no-dest'], ['protocollo@pec-inesistente.example', 'no-dominio']] as const) {
      const sent = await pec.send(request(to));
      const status = await settled(sent.id, 2);
      expect(status.stato).toBe('ERRORE');
      expect(status.failedAt).not.toBeNull();
      expect(status.deliveredAt).toBeNull();
      expect(status.errore).toContain(`(${errore})`);
      const failure = status.receipts.find((receipt) => receipt.tipo === 'errore-consegna');
      expect(parseDaticert(Buffer.from(failure!.daticert)).daticert).toMatchObject({ errore, consegna: to, msgid: sent.messageId });
      expect(provider.mailbox(to)).toEqual([]);
    }
  });

  it('when the same key is sent 5 times, 3 of them at once, then one SMTP message leaves and one row exists', async () => {
    const rowsBefore = await db.pecMessage.count();
    const input = request('segreteria@pec.arca-centrale.it');
    const concurrent = await Promise.all([pec.send(input), pec.send(input), pec.send(input)]);
    const later = [await pec.send(input), await pec.send(input)];

    expect(new Set([...concurrent, ...later].map((view) => view.id)).size).toBe(1);
    expect(await db.pecMessage.count()).toBe(rowsBefore + 1);
    expect(provider.submissions().filter((submission) => submission.messageId === concurrent[0]!.messageId)).toHaveLength(1);
    await settled(concurrent[0]!.id, 2);
    expect(provider.mailbox(input.to)).toHaveLength(1);
  });

  it('when a key is reused for a different PEC, then it is refused and nothing is sent', async () => {
    const input = request('protocollo@pec.comune.bari.it');
    const sent = await pec.send(input);
    await expect(pec.send({ ...input, subject: 'Altro oggetto' })).rejects.toMatchObject({ type: 'PEC_CHIAVE_RIUSATA', nonRetryable: true });
    expect(provider.submissions().filter((submission) => submission.messageId === sent.messageId)).toHaveLength(1);
  });

  it('when the recipient is not one address, then it is refused before any row or message', async () => {
    const rowsBefore = await db.pecMessage.count();
    const submissionsBefore = provider.submissions().length;
    for (const to of ['non-un-indirizzo', 'a@pec.comune.bari.it, b@pec.comune.bari.it']) {
      await expect(pec.send(request(to))).rejects.toMatchObject({ type: 'PEC_DESTINATARIO_NON_VALIDO', nonRetryable: true });
    }
    expect(await db.pecMessage.count()).toBe(rowsBefore);
    expect(provider.submissions()).toHaveLength(submissionsBefore);
  });

  it('when the PEC id is unknown, then status is refused with PEC_NON_TROVATA', async () => {
    await expect(pec.status(randomUUID())).rejects.toMatchObject({ type: 'PEC_NON_TROVATA' });
  });

  it('when the From does not match the sending mailbox, then the provider issues a non-accettazione and the PEC ends in ERRORE', async () => {
    const row = await db.pecMessage.create({
      data: { idempotencyKey: randomUUID(), messageId: `<${randomUUID()}@pec.regione.puglia.it>`, mittente: SENDER, destinatario: 'protocollo@pec.comune.bari.it', oggetto: 'Prova', testo: 'Prova', sentAt: new Date() },
    });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: provider.port, secure: false });
    await transport.sendMail({ from: 'altro@pec.regione.puglia.it', to: row.destinatario, envelope: { from: SENDER, to: row.destinatario }, subject: 'Prova', text: 'Prova', messageId: row.messageId });
    transport.close();
    const status = await settled(row.id, 1);
    expect(status).toMatchObject({ stato: 'ERRORE', receipts: [{ tipo: 'non-accettazione' }] });
    expect(status.errore).toContain('Non accettazione');
    expect(provider.mailbox(row.destinatario).some((entry) => entry.subject === 'POSTA CERTIFICATA: Prova')).toBe(false);
  });
});

describe('PEC adapter in the crash window and with SMTP authentication', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let provider: LocalPecProvider;
  const password = 'una-password-di-prova';

  beforeAll(async () => {
    fresh = await createFreshDatabase('push_pec_auth');
    db = createDb(fresh.url);
    // No receipt listener: the tests read the provider's mailbox themselves, as a late reader would.
    provider = await startLocalPecProvider({ port: 0, dir: providerDir(), accounts: { [SENDER]: password } });
  });
  afterAll(async () => {
    await provider.close();
    await db.$disconnect();
    await fresh.drop();
  });

  const service = (pass: string) => createPecService({ db, smtp: { host: '127.0.0.1', port: provider.port, secure: false, user: SENDER, password: pass }, from: SENDER });
  const ingestMailbox = async (pec: ReturnType<typeof service>) => Promise.all(provider.mailbox(SENDER).map((entry) => pec.ingestReceipt(entry.raw)));

  it('when the provider accepted but the row was never marked sent, then the retry resends the same Message-ID and the provider delivers it once', async () => {
    const pec = service(password);
    const input = { idempotencyKey: `wf-${randomUUID()}/pec/avvio`, to: 'protocollo@pec.comune.taranto.it', subject: 'Avvio del procedimento', text: 'Testo' };
    const messageId = messageIdFor(input.idempotencyKey, SENDER);
    // The first attempt: its row written, its message accepted by the provider, then the worker died.
    await db.pecMessage.create({ data: { idempotencyKey: input.idempotencyKey, messageId, mittente: SENDER, destinatario: input.to, oggetto: input.subject, testo: input.text } });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: provider.port, secure: false, auth: { user: SENDER, pass: password } });
    await transport.sendMail({ from: SENDER, to: input.to, subject: input.subject, text: input.text, messageId });
    transport.close();

    const retried = await pec.send(input);
    expect(retried.messageId).toBe(messageId);
    expect(retried.sentAt).not.toBeNull();
    expect(provider.submissions().filter((submission) => submission.messageId === messageId).map((s) => s.duplicate)).toEqual([false, true]);
    expect(provider.mailbox(input.to)).toHaveLength(1);

    await ingestMailbox(pec);
    expect(await pec.status(retried.id)).toMatchObject({ stato: 'CONSEGNATO' });
    pec.close();
  });

  it('when receipts already prove the provider took it, then the retry sends nothing', async () => {
    const pec = service(password);
    const input = { idempotencyKey: `wf-${randomUUID()}/pec/esito`, to: 'protocollo@pec.comune.brindisi.it', subject: 'Esito', text: 'Testo' };
    const messageId = messageIdFor(input.idempotencyKey, SENDER);
    await db.pecMessage.create({ data: { idempotencyKey: input.idempotencyKey, messageId, mittente: SENDER, destinatario: input.to, oggetto: input.subject, testo: input.text } });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: provider.port, secure: false, auth: { user: SENDER, pass: password } });
    await transport.sendMail({ from: SENDER, to: input.to, subject: input.subject, text: input.text, messageId });
    transport.close();
    await ingestMailbox(pec);

    const retried = await pec.send(input);
    expect(retried).toMatchObject({ stato: 'CONSEGNATO', sentAt: null });
    expect(provider.submissions().filter((submission) => submission.messageId === messageId)).toHaveLength(1);
    pec.close();
  });

  it('when the SMTP password is wrong, then send fails and nothing leaves; with the right one the retry sends it', async () => {
    const wrong = service('sbagliata');
    const input = { idempotencyKey: `wf-${randomUUID()}/pec/esito`, to: 'protocollo@pec.comune.andria.it', subject: 'Esito', text: 'Testo' };
    await expect(wrong.send(input)).rejects.toMatchObject({ responseCode: 535 });
    wrong.close();
    const row = await db.pecMessage.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(row.sentAt).toBeNull();
    expect(provider.submissions().filter((submission) => submission.messageId === row.messageId)).toHaveLength(0);

    const right = service(password);
    const sent = await right.send(input);
    expect(sent.id).toBe(row.id);
    expect(sent.sentAt).not.toBeNull();
    expect(provider.mailbox(input.to)).toHaveLength(1);
    right.close();
  });
});
