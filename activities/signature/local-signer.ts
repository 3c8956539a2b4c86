import { X509Certificate, createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { openLocalCa } from './local-ca';
import { signPades } from './pades';
import type { LookupSigner, SignCadesRequest, Signer, SignPdfRequest } from './signer';
import { createOnce, readIfExists } from './store-files';
import { runToolOrThrow, withTempDir } from './tools';

export interface LocalSignerSettings {
  /** The key store: the local CA, the signers' keys and the signed results by idempotency key. */
  keyStoreDir: string;
  lookupSigner: LookupSigner;
}

export interface LocalSigner extends Signer {
  /** The local CA's certificate, the trust anchor to verify this signer's signatures with. */
  caCertificatePem: string;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
/** "CN=…, …, C=IT": RFC 4514's order, most specific first. */
const oneLineSubject = (pem: string) => new X509Certificate(pem).subject.split('\n').reverse().join(', ');

/**
 * Signs with certificates of a local CA that the key store creates on first start ("PUSH Local CA –
 * ambiente di prova") and every later start reuses: valid signatures for development, tests and demos,
 * without legal value. Needs the `openssl` executable (for CAdES).
 *
 * Settings: `keyStoreDir` (a folder only the platform's user may read; files are mode 0600), and
 * `lookupSigner` (the user's nome, cognome and codice fiscale, which the certificate names).
 *
 * Results are kept in `<keyStoreDir>/results/`, one file per idempotency key: a first line with the key
 * and a fingerprint of the request, then the signed bytes.
 */
export async function createLocalSigner({ keyStoreDir, lookupSigner }: LocalSignerSettings): Promise<LocalSigner> {
  const ca = await openLocalCa(keyStoreDir);
  const credentialOf = async (signerUserId: string) => ca.credentialFor(await lookupSigner(signerUserId));

  /** Returns the result already kept for the key, or produces, keeps and returns it. */
  async function once(idempotencyKey: string, request: object, produce: () => Promise<Buffer>): Promise<Buffer> {
    const file = path.join(keyStoreDir, 'results', sha256(idempotencyKey));
    const fingerprint = sha256(JSON.stringify(request));
    const resultIn = (stored: Buffer) => {
      const newline = stored.indexOf(0x0a);
      const header = JSON.parse(stored.subarray(0, newline).toString('utf8')) as { idempotencyKey: string; fingerprint: string };
      if (header.idempotencyKey !== idempotencyKey || header.fingerprint !== fingerprint) {
        throw ApplicationFailure.create({
          type: 'SIGNATURE_IDEMPOTENCY_CONFLICT',
          message: `La chiave di idempotenza «${idempotencyKey}» è già stata usata per firmare un altro documento o per un altro firmatario.`,
          nonRetryable: true,
        });
      }
      return stored.subarray(newline + 1);
    };
    const kept = await readIfExists(file);
    if (kept) return resultIn(kept);
    const header = Buffer.from(`${JSON.stringify({ idempotencyKey, fingerprint })}\n`);
    // If a concurrent attempt kept its result first, that one is returned, so all attempts agree.
    return resultIn(await createOnce(file, Buffer.concat([header, await produce()])));
  }

  return {
    caCertificatePem: ca.certificatePem,

    async signPdf({ pdf, signerUserId, reason, idempotencyKey }: SignPdfRequest) {
      const request = { kind: 'pades', signerUserId, reason, document: sha256(pdf) };
      return once(idempotencyKey, request, async () => {
        const credential = await credentialOf(signerUserId);
        return signPades(pdf, { credential, reason, signingTime: new Date() });
      });
    },

    async signCades({ content, signerUserId, idempotencyKey }: SignCadesRequest) {
      const request = { kind: 'cades', signerUserId, document: sha256(content) };
      return once(idempotencyKey, request, async () => {
        const credential = await credentialOf(signerUserId);
        return withTempDir(async (dir) => {
          const file = (name: string) => path.join(dir, name);
          await writeFile(file('content'), content);
          await writeFile(file('ca.pem'), ca.certificatePem);
          // -cades adds ESS signing-certificate-v2; OpenSSL also adds signing-time, which CAdES baseline-B requires.
          await runToolOrThrow('openssl', ['cms', '-sign', '-cades', '-binary', '-nodetach', '-nosmimecap', '-md', 'sha256', '-outform', 'DER',
            '-in', file('content'), '-signer', credential.file, '-inkey', credential.file, '-certfile', file('ca.pem'), '-out', file('signed.p7m')]);
          return readFile(file('signed.p7m'));
        });
      });
    },

    async certificateOf(signerUserId: string) {
      const { certificatePem } = await credentialOf(signerUserId);
      return { pem: certificatePem, subject: oneLineSubject(certificatePem) };
    },
  };
}
