// daticert.xml and the receipt around it, parsed without a database.
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseDaticert } from '../../../activities/pec/daticert';
import { readReceipt } from '../../../activities/pec/receipt-message';
import { writeDaticert } from '../../../platform/pec-provider/daticert-writer';
import { daticertXml, PROVIDER_STYLES, providerDaticert, receiptAround } from './receipt-fixtures';

const MSGID = '<pec.abc123@pec.regione.puglia.it>';

const written = (at: Date) => writeDaticert({
  tipo: 'avvenuta-consegna', errore: 'nessuno', mittente: 'protocollo@pec.regione.puglia.it', destinatari: ['protocollo@pec.comune.bari.it'],
  risposte: 'protocollo@pec.regione.puglia.it', oggetto: 'Esito – "accreditamento" & <allegati>', gestoreEmittente: 'Gestore di prova',
  at, identificativo: 'opec.1@pec.test.localhost', msgid: MSGID, consegna: 'protocollo@pec.comune.bari.it',
});

describe('daticert.xml', () => {
  it('when the provider writes one in winter and in summer, then it reads back with the certified instant and every field', () => {
    for (const [iso, ora, zona] of [['2026-01-15T09:30:05Z', '10:30:05', '+0100'], ['2026-07-15T09:30:05Z', '11:30:05', '+0200']] as const) {
      const xml = written(new Date(iso));
      expect(xml).toContain(`<data zona="${zona}"><giorno>15/${iso.slice(5, 7)}/2026</giorno><ora>${ora}</ora></data>`);
      const { daticert } = parseDaticert(Buffer.from(xml));
      expect(daticert).toEqual({
        tipo: 'avvenuta-consegna', errore: 'nessuno', mittente: 'protocollo@pec.regione.puglia.it',
        destinatari: [{ indirizzo: 'protocollo@pec.comune.bari.it', tipo: 'certificato' }], risposte: 'protocollo@pec.regione.puglia.it',
        oggetto: 'Esito – "accreditamento" & <allegati>', gestoreEmittente: 'Gestore di prova', data: new Date(iso),
        identificativo: 'opec.1@pec.test.localhost', msgid: MSGID, consegna: 'protocollo@pec.comune.bari.it', erroreEsteso: null,
      });
    }
  });

  it('when a provider writes it in ISO-8859-1, indented and without errore, then it is read with its accents', () => {
    const xml = daticertXml(MSGID).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(' errore="nessuno"', '').replace('<oggetto>Prova</oggetto>', '<oggetto>Città di Bari – verità</oggetto>');
    const { daticert, xml: decoded } = parseDaticert(Buffer.from(xml.replace('–', '-'), 'latin1'));
    expect(daticert).toMatchObject({ tipo: 'accettazione', errore: 'nessuno', oggetto: 'Città di Bari - verità', msgid: MSGID, data: new Date('2026-11-23T09:15:30Z') });
    expect(decoded).toContain('Città');
  });

  const facts = { msgid: MSGID, mittente: 'protocollo@pec.regione.puglia.it', destinatario: 'protocollo@pec.comune.bari.it', oggetto: 'Esito per la Città di Bari & "verità"' };
  it.each(PROVIDER_STYLES.flatMap((style) => (['accettazione', 'avvenuta-consegna', 'errore-consegna'] as const).map((tipo) => [tipo, style.name, style] as const)))(
    'when a provider writes the %s receipt with %s, then every field is read',
    (tipo, _name, style) => {
      const { daticert, xml } = parseDaticert(providerDaticert(style, { ...facts, tipo }));
      expect(daticert).toMatchObject({
        tipo,
        errore: tipo === 'errore-consegna' ? 'no-dest' : 'nessuno',
        mittente: facts.mittente,
        destinatari: [{ indirizzo: facts.destinatario, tipo: 'certificato' }],
        oggetto: facts.oggetto,
        data: new Date('2026-11-23T09:15:30Z'),
        msgid: MSGID,
        consegna: tipo === 'accettazione' ? null : facts.destinatario,
        erroreEsteso: tipo === 'errore-consegna' ? '5.1.1 - Casella inesistente' : null,
      });
      // The record keeps the receipt as the provider wrote it, DOCTYPE included.
      if (style.doctype) expect(xml).toContain(style.doctype);
    },
  );

  it.each([
    ['an internal subset after the external DTD', daticertXml(MSGID, { prolog: '<!DOCTYPE postacert SYSTEM "postacert.dtd" [<!ENTITY x "y">]>\n' }), 'DOCTYPE'],
    ['an empty internal subset', daticertXml(MSGID, { prolog: '<!DOCTYPE postacert [ ]>\n' }), 'DOCTYPE'],
    ['a DOCTYPE with no DTD named', daticertXml(MSGID, { prolog: '<!DOCTYPE postacert>\n' }), 'DOCTYPE'],
    ['a DOCTYPE naming another root', daticertXml(MSGID, { prolog: '<!DOCTYPE html SYSTEM "postacert.dtd">\n' }), 'DOCTYPE'],
    ['a second DOCTYPE after the external one', daticertXml(MSGID, { prolog: '<!DOCTYPE postacert SYSTEM "postacert.dtd">\n<!DOCTYPE postacert [<!ENTITY x "y">]>\n' }), 'DOCTYPE'],
    ['an ENTITY declaration outside any DOCTYPE', daticertXml(MSGID, { prolog: '<!DOCTYPE postacert SYSTEM "postacert.dtd">\n<!ENTITY x SYSTEM "file:///etc/passwd">\n' }), 'DOCTYPE'],
    ['a lower-case doctype', daticertXml(MSGID, { prolog: '<!doctype postacert>\n' }), 'DOCTYPE'],
    ['no msgid', daticertXml(MSGID).replace(/<msgid>.*<\/msgid>/, ''), '<msgid>'],
    ['a transport envelope instead of a receipt', daticertXml(MSGID, { tipo: 'posta-certificata' }), 'tipo di ricevuta "posta-certificata"'],
    ['an unclosed element', daticertXml(MSGID).replace('</oggetto>', ''), 'XML malformato'],
    ['a date that is not one', daticertXml(MSGID).replace('23/11/2026', '2026-11-23'), '<data>'],
    ['another root element', '<?xml version="1.0"?><html/>', '<postacert>'],
    ['bytes that are not UTF-8', `${daticertXml(MSGID).slice(0, 60)}\u00ff`, 'byte non validi'],
  ])('when daticert.xml has %s, then it is refused naming the problem', (_case, xml, problem) => {
    const bytes = xml.endsWith('\u00ff') ? Buffer.from(xml, 'latin1') : Buffer.from(xml);
    expect(() => parseDaticert(bytes)).toThrow(expect.objectContaining({ type: 'PEC_RICEVUTA_NON_VALIDA', message: expect.stringContaining(problem) }));
  });
});

describe('a receipt message', () => {
  it('when a consegna carries the original inline and the original has a daticert.xml of its own, then the receipt\'s own is read', async () => {
    const forged = await new MailComposer({
      from: 'a@x.example', to: 'b@x.example', subject: 'inoltro', messageId: '<inner@x.example>', text: 'inoltro',
      attachments: [{ filename: 'daticert.xml', content: daticertXml('<altro@x.example>', { tipo: 'non-accettazione' }), contentType: 'application/xml' }],
    }).compile().build();
    const raw = await receiptAround(daticertXml(MSGID, { tipo: 'avvenuta-consegna' }), {
      messageId: '<ricevuta.1@pec.test.localhost>',
      attachments: [{ filename: 'postacert.eml', content: forged, contentType: 'message/rfc822', contentDisposition: 'inline' }],
    });
    const receipt = await readReceipt(raw);
    expect(receipt).toMatchObject({ receiptMessageId: '<ricevuta.1@pec.test.localhost>', daticert: { tipo: 'avvenuta-consegna', msgid: MSGID } });
  });

  it('when a receipt has two daticert.xml of its own, then it is refused as ambiguous', async () => {
    const raw = await receiptAround(daticertXml(MSGID), {
      attachments: [{ filename: 'DATICERT.XML', content: Buffer.from(daticertXml('<altro@x.example>')), contentType: 'application/xml' }],
    });
    await expect(readReceipt(raw)).rejects.toMatchObject({ type: 'PEC_RICEVUTA_NON_VALIDA', message: expect.stringContaining('2 allegati daticert.xml') });
  });

  it('when a receipt has no Message-ID, then it is refused, since it could not be recognised when read again', async () => {
    const raw = await receiptAround(daticertXml(MSGID));
    const withoutId = Buffer.from(raw.toString('latin1').replace(/^Message-ID:.*\r\n( .*\r\n)*/im, ''), 'latin1');
    expect(withoutId.toString('latin1')).not.toMatch(/^Message-ID/im);
    await expect(readReceipt(withoutId)).rejects.toMatchObject({ type: 'PEC_RICEVUTA_NON_VALIDA', message: expect.stringContaining('Message-ID') });
  });
});
