import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateProtocolKey } from '../../../activities/protocol/protocol-keys';

describe('protocol key of the AOO', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'protocol-keys-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const owner = { codiceAmministrazione: 'r_puglia', denominazione: 'Regione Puglia', aoo: 'AOO_PUSH' };

  it('when first used, then one key file is created, readable by its owner only, with a certificate naming the AOO', async () => {
    const keyDir = path.join(root, 'first');
    const key = await loadOrCreateProtocolKey(keyDir, owner);
    expect(await readdir(keyDir)).toEqual(['r_puglia_AOO_PUSH.pem']);
    expect((await stat(path.join(keyDir, 'r_puglia_AOO_PUSH.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(keyDir)).mode & 0o777).toBe(0o700);
    const certificate = new X509Certificate(key.certificatePem);
    expect(certificate.subject).toContain('O=Regione Puglia');
    expect(certificate.subject).toContain('AOO_PUSH');
    expect(certificate.checkPrivateKey(createPrivateKey(key.privateKeyPem))).toBe(true);
  });

  it('when used again, or by many at once the first time, then every caller gets the same key', async () => {
    const keyDir = path.join(root, 'concurrent');
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateProtocolKey(keyDir, owner)));
    const again = await loadOrCreateProtocolKey(keyDir, owner);
    expect(new Set([...keys, again].map((key) => key.certificatePem)).size).toBe(1);
    // No temporary file is left behind by the callers that lost the race.
    expect(await readdir(keyDir)).toEqual(['r_puglia_AOO_PUSH.pem']);
  });

  it('when the key file is readable by others, then it is refused with the reason', async () => {
    const keyDir = path.join(root, 'open');
    await loadOrCreateProtocolKey(keyDir, owner);
    await chmod(path.join(keyDir, 'r_puglia_AOO_PUSH.pem'), 0o644);
    await expect(loadOrCreateProtocolKey(keyDir, owner)).rejects.toThrow(/readable by others/);
  });
});
