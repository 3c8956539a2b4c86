// A signed act survives a crash between its signature and its filing: the retry signs the very bytes the
// first attempt signed (Chromium stamps each rendering with its own date and identifier, and the signer
// refuses other bytes under the same key), files the act once and leaves no draft behind.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createActActivities } from '../../../activities/acts/produce-act';
import type { DocumentStore } from '../../../activities/documents/document-store';
import { COMUNE_BARI } from '../../../prisma/seed/enti';
import { startTestPlatform, type TestPlatform } from '../../support/platform';

describe('when the process dies after an act is signed and before it is filed', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('then the retry files the act signed the first time, once, with no draft left', async () => {
    const { documents, pdf, signer } = platform.adapters.adapters;
    const workflowId = `accreditamento-ente-${randomUUID()}`;
    const sample = JSON.parse(await readFile(path.join(__dirname, '../../../templates/samples/provvedimento-accreditamento.json'), 'utf8')) as Record<string, unknown>;
    const input = {
      idempotencyKey: `${workflowId}/provvedimento`,
      template: 'provvedimento-accreditamento',
      data: sample,
      titolo: 'Provvedimento di accreditamento – Comune di prova',
      tipo: 'PROVVEDIMENTO_ACCREDITAMENTO',
      workflowId,
      enteId: platform.ref.demoComuneIds[COMUNE_BARI],
      signerUserId: platform.ref.users['regione.dirigente'],
    };
    // The first attempt dies when it files the signed act: its signature is kept by the signer already.
    const dying: DocumentStore = {
      ...documents,
      store: async (stored) => {
        if (stored.idempotencyKey === input.idempotencyKey) throw new Error('processo terminato');
        return documents.store(stored);
      },
    };
    await expect(createActActivities({ db: platform.db, documents: dying, pdf, signer }).produceAct(input)).rejects.toThrow('processo terminato');

    const act = await createActActivities({ db: platform.db, documents, pdf, signer }).produceAct(input);
    const again = await createActActivities({ db: platform.db, documents, pdf, signer }).produceAct(input);
    expect(again).toEqual(act);
    const filed = await platform.db.document.findMany({ where: { idempotencyKey: { startsWith: input.idempotencyKey } } });
    expect(filed.map((document) => [document.idempotencyKey, document.tipo, document.workflowId])).toEqual([[input.idempotencyKey, 'PROVVEDIMENTO_ACCREDITAMENTO', workflowId]]);
    const { content } = await documents.read(act.documentId);
    expect(content.includes(Buffer.from('/ByteRange'))).toBe(true);
  });
});
