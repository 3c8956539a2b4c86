// Refused uploads leave nothing: an upload to a concluded transmission, by someone who may not upload,
// over the store's limit or over the transmission's quota is refused before anything is stored — no
// document row, no file in the store, no temporary file — and a client that goes away mid-upload leaves
// no temporary file either. The API's limit is the store's: one limit, one message.
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { createFileDocumentStore } from '../../activities/documents/file-document-store';
import { fileAttempt } from '../../api/flussi/attempts';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { FLUSSO_DOCUMENTO } from '../../workflows/shared/flussi';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { startTestServer, type TestServer } from '../support/api-server';

interface ApiError { error: { code: string; message: string; field?: string } }

const STORE_LIMIT = 64 * 1024;
const QUOTA = { maxAttempts: 3, maxBytes: 100 * 1024 };

/** Every file under a folder (none when it does not exist yet). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}

describe('refused flusso uploads store nothing', () => {
  let server: TestServer;
  let referente: ApiSession;
  let bariId: string;
  let documentsDir: string;
  let tempDir: string;
  /** Each test its own transmission: a reference date no other test file uses. */
  let year = 2040;

  beforeAll(async () => {
    server = await startTestServer({
      runtime: (base) => ({
        documents: createFileDocumentStore(base.db, { rootDir: path.join(process.env.PUSH_TEST_DATA_DIR!, 'documents'), maxBytes: STORE_LIMIT }),
        uploads: { ...base.uploads, quota: QUOTA },
      }),
    });
    documentsDir = path.join(server.platform.config.PUSH_DATA_DIR, 'documents');
    tempDir = server.runtime.uploads.tempDir;
    referente = await signIn(server.baseUrl, demoCf('bari.referente'));
    bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
  });
  afterAll(() => server.close());

  const openTransmission = async () => {
    const started = await referente.postJson<{ workflowId: string }>('/api/flussi', { enteId: bariId, dataRiferimento: `${++year}-06-30` });
    expect(started.status).toBe(201);
    return started.body.workflowId;
  };

  /** A file of `bytes` bytes; what is in it does not matter here (the validator refuses it, as it should). */
  const form = (bytes: number) => {
    const body = new FormData();
    body.set('flusso', new Blob([`<x/>${' '.repeat(bytes - 4)}`], { type: 'application/xml' }), 'flusso.xml');
    return body;
  };
  const upload = (who: ApiSession, workflowId: string, bytes: number) =>
    who.json<ApiError>(`/api/flussi/${workflowId}/caricamenti`, { method: 'POST', body: form(bytes) });

  /** What a refused request must leave as it was. */
  const stored = async (workflowId: string) => ({
    documents: await server.platform.db.document.count({ where: { workflowId } }),
    files: await filesUnder(documentsDir),
    temp: await filesUnder(tempDir),
  });

  it('when the transmission is concluded, then an upload is refused with 409 and leaves no document row and no file', async () => {
    const workflowId = await openTransmission();
    const task = await eventually(async () => (await referente.json<{ attivita: { id: string } | null }>(`/api/flussi/${workflowId}`)).body.attivita);
    const done = await referente.postJson(`/api/tasks/${task.id}/complete`, { decision: { azione: 'CONSISTENZA_NULLA' } });
    expect(done.status).toBe(200);
    await eventually(async () => ((await server.platform.client.workflow.getHandle(workflowId).describe()).status.name === 'COMPLETED' ? true : undefined), 60_000);

    const before = await stored(workflowId);
    const refused = await upload(referente, workflowId, 1024);
    expect([refused.status, refused.body.error.message]).toEqual([409, expect.stringContaining('già conclusa')]);
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });

    // Had it ended between that check and the update, the document the procedure refused is taken back.
    const late = fileAttempt(server.runtime, {
      workflowId, enteId: bariId, actor: await server.platform.actor('bari.referente'), idempotencyKey: `${workflowId}/caricamento/${randomUUID()}`,
      content: Buffer.from(`<x>${randomUUID()}</x>`), filename: 'tardivo.xml', titolo: 'Flusso tardivo', tipo: FLUSSO_DOCUMENTO.file,
    });
    await expect(late).rejects.toMatchObject({ status: 409 });
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });
  });

  it('when someone who sees the transmission but may not upload tries, then 403 and nothing is stored', async () => {
    const workflowId = await openTransmission();
    const istruttore = await signIn(server.baseUrl, demoCf('regione.istruttore'));
    const before = await stored(workflowId);
    expect((await upload(istruttore, workflowId, 1024)).status).toBe(403);
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });
  });

  it('when the file is over the store\'s limit, then 413 names the limit and nothing is stored (not a 500)', async () => {
    const workflowId = await openTransmission();
    const before = await stored(workflowId);
    const refused = await upload(referente, workflowId, STORE_LIMIT + 1);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'FILE_TROPPO_GRANDE', field: 'flusso', message: 'flusso: il file supera la dimensione massima di 64 KB e non è stato accettato.' });
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });
    // The limit itself is accepted.
    expect((await upload(referente, workflowId, STORE_LIMIT)).status).toBe(201);
  });

  it('when a transmission has used its attempts, then the next upload or manual entry is refused with 429 naming the limit, and nothing is stored', async () => {
    const workflowId = await openTransmission();
    for (let attempt = 1; attempt <= QUOTA.maxAttempts; attempt++) expect((await upload(referente, workflowId, 1024)).status).toBe(201);
    const before = await stored(workflowId);
    expect(before.documents).toBe(QUOTA.maxAttempts);

    const refused = await upload(referente, workflowId, 1024);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'QUOTA_SUPERATA', field: 'flusso', message: expect.stringContaining('ha già 3 caricamenti, il massimo consentito è 3') });
    const manual = await referente.postJson<ApiError>(`/api/flussi/${workflowId}/manuale`, { fabbricati: [], unita: [] });
    expect([manual.status, manual.body.error.code]).toEqual([429, 'QUOTA_SUPERATA']);
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });
  });

  it('when a file is over what the transmission\'s byte quota leaves, then 429 names the quota and nothing is stored', async () => {
    const workflowId = await openTransmission();
    for (let attempt = 1; attempt <= 2; attempt++) expect((await upload(referente, workflowId, 40 * 1024)).status).toBe(201);
    const before = await stored(workflowId);

    const refused = await upload(referente, workflowId, 40 * 1024);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'QUOTA_SUPERATA', message: expect.stringContaining('possono occupare in tutto 100 KB e ne restano 20 KB') });
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });
    await expect(server.platform.db.document.count({ where: { workflowId, tipo: FLUSSO_DOCUMENTO.file } })).resolves.toBe(2);
  });

  it('when the client goes away in the middle of an upload, then its temporary file is removed and nothing is stored', async () => {
    const workflowId = await openTransmission();
    const before = await stored(workflowId);
    const boundary = `----push${randomUUID()}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="flusso"; filename="flusso.xml"\r\nContent-Type: application/xml\r\n\r\n`;
    const url = new URL(`/api/flussi/${workflowId}/caricamenti`, server.baseUrl);
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + STORE_LIMIT),
        'x-csrf-token': referente.csrfToken,
        cookie: referente.cookie,
      },
    });
    request.on('error', () => undefined);
    request.write(head);
    request.write(Buffer.alloc(STORE_LIMIT / 2, 0x20));
    // The partial file is on disk, then the client goes away.
    await eventually(async () => ((await filesUnder(tempDir)).length > 0 ? true : undefined));
    request.destroy();
    await eventually(async () => ((await filesUnder(tempDir)).length === 0 ? true : undefined));
    expect(await stored(workflowId)).toEqual({ ...before, temp: [] });
  });
});

