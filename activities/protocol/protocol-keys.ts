// The AOO's protocol key: the key and certificate that seal its segnature. A real AOO uses a qualified
// electronic seal; until one is configured the register creates its own key and a self-signed
// certificate at first use and keeps reusing it, so every segnatura it ever made verifies with one
// certificate.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

export interface ProtocolKey {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  certificatePem: string;
  /** DER of the certificate, for the XAdES SigningCertificateV2 digest. */
  certificateDer: Buffer;
}

export interface ProtocolKeyOwner {
  /** IPA code of the administration, e.g. "r_puglia". */
  codiceAmministrazione: string;
  denominazione: string;
  aoo: string;
}

const CERTIFICATE_YEARS = 10;

/** One file per AOO holds key and certificate together, so the pair appears (or not) in one atomic step. */
function keyFile(keyDir: string, owner: ProtocolKeyOwner): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(keyDir, `${safe(owner.codiceAmministrazione)}_${safe(owner.aoo)}.pem`);
}

function selfSignedCertificate(privateKeyPem: string, publicKeyPem: string, owner: ProtocolKeyOwner): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive serial of 16 random bytes (RFC 5280 allows up to 20 octets).
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now);
  cert.validity.notAfter.setFullYear(now.getFullYear() + CERTIFICATE_YEARS);
  const name = [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: owner.denominazione },
    { shortName: 'OU', value: `AOO ${owner.aoo}` },
    { shortName: 'CN', value: `Registro di protocollo ${owner.codiceAmministrazione} ${owner.aoo}` },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function parseKeyFile(pem: string, file: string): ProtocolKey {
  const privateKeyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0];
  const certificatePem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!privateKeyPem || !certificatePem) throw new Error(`The protocol key file ${file} lacks a PRIVATE KEY or a CERTIFICATE block.`);
  const certificate = new X509Certificate(certificatePem);
  if (!certificate.checkPrivateKey(createPrivateKey(privateKeyPem))) throw new Error(`In the protocol key file ${file} the certificate does not belong to the private key.`);
  return { privateKeyPem: `${privateKeyPem}\n`, certificatePem: `${certificatePem}\n`, certificateDer: certificate.raw };
}

async function readKeyFile(file: string): Promise<ProtocolKey> {
  const { mode } = await stat(file);
  // Like ssh: a private key others can read is refused rather than used.
  if ((mode & 0o077) !== 0) throw new Error(`The protocol key file ${file} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it.`);
  return parseKeyFile(await readFile(file, 'utf8'), file);
}

/**
 * The AOO's key and certificate from `keyDir`, created at first use. Creation is atomic across
 * processes: the pair is written to a private temporary file and hard-linked into place, which fails
 * if another process got there first, and then that process's pair is used.
 */
export async function loadOrCreateProtocolKey(keyDir: string, owner: ProtocolKeyOwner): Promise<ProtocolKey> {
  const file = keyFile(keyDir, owner);
  try {
    return await readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const certificatePem = selfSignedCertificate(privateKeyPem, publicKeyPem, owner);
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  await writeFile(temporary, `${privateKeyPem}${certificatePem}`, { mode: 0o600, flag: 'wx', flush: true });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return readKeyFile(file);
}

/** SHA-256 of the certificate's DER, base64: what SigningCertificateV2 and a verifier compare. */
export function certificateDigest(certificateDer: Buffer): string {
  return createHash('sha256').update(certificateDer).digest('base64');
}
