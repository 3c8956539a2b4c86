// The local certification authority of the development and test environments, kept in the key store:
//   <keyStoreDir>/ca.pem                          the CA's private key and self-signed certificate
//   <keyStoreDir>/signers/<codice fiscale>.pem    each signer's private key and certificate
// A key and its certificate share one file, so they are created (atomically, mode 0600) and replaced
// together. Keys are RSA 3072: its PKCS#1 v1.5 signatures are deterministic and every validator reads them.
import { createPrivateKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import forge from 'node-forge';
import { certificateNames } from './cms';
import type { SignerIdentity } from './signer';
import { createOnce, readIfExists, replace } from './store-files';

export const LOCAL_CA_NAME = 'PUSH Local CA – ambiente di prova';
const CA_YEARS = 20;
const SIGNER_YEARS = 3;
const CODICE_FISCALE = /^[A-Z0-9]{16}$/;

/** A private key with its certificate chain (the holder's certificate first, then the CA's). */
export interface Credential {
  /** "Nome Cognome", as the certificate's CN. */
  holderName: string;
  /** The key store file holding both, for tools that read keys from files. */
  file: string;
  privateKey: KeyObject;
  certificatePem: string;
  chainDer: Buffer[];
}

export interface LocalCa {
  certificatePem: string;
  /** The signer's credential, issued on first use and again when the name changes or it nears expiry. */
  credentialFor(identity: SignerIdentity): Promise<Credential>;
}

const generateRsaKey = promisify(generateKeyPair);
type Attributes = forge.pki.CertificateField[];
// forge reads valueTagClass as the value's universal type; @types/node-forge declares it as a class.
const stringType = (type: forge.asn1.Type) => type as number as forge.asn1.Class;
const utf8 = (type: string, value: string) => ({ type, value, valueTagClass: stringType(forge.asn1.Type.UTF8) });
const printable = (type: string, value: string) => ({ type, value, valueTagClass: stringType(forge.asn1.Type.PRINTABLESTRING) });
const organisation: Attributes = [printable('2.5.4.6', 'IT'), utf8('2.5.4.10', 'Regione Puglia')];

/** The subject of a natural person's certificate as the Italian profile (and EN 319 412-2) names it. */
function signerSubject({ nome, cognome, codiceFiscale }: SignerIdentity): Attributes {
  return [...organisation, printable('2.5.4.5', `TINIT-${codiceFiscale}`), utf8('2.5.4.4', cognome), utf8('2.5.4.42', nome), utf8('2.5.4.3', `${nome} ${cognome}`)];
}

const subjectDer = (attributes: Attributes) =>
  Buffer.from(forge.asn1.toDer(forge.pki.distinguishedNameToAsn1({ attributes } as unknown as forge.pki.Certificate['subject'])).getBytes(), 'binary');

/** A positive 127-bit serial number whose first byte never needs a leading zero. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}

async function newKey(): Promise<{ privatePem: string; publicPem: string }> {
  const { privateKey, publicKey } = await generateRsaKey('rsa', { modulusLength: 3072 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A certificate for `publicPem`, signed with `issuerKeyPem` (the subject's own key when self-signed). */
function issue(options: { publicPem: string; subject: Attributes; issuer: Attributes; issuerKeyPem: string; years: number; extensions: object[] }): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(options.publicPem);
  certificate.serialNumber = serialNumber();
  // A minute in the past, so a verifier whose clock is slightly behind still accepts it.
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(certificate.validity.notBefore);
  certificate.validity.notAfter.setUTCFullYear(certificate.validity.notAfter.getUTCFullYear() + options.years);
  certificate.setSubject(options.subject);
  certificate.setIssuer(options.issuer);
  certificate.setExtensions(options.extensions);
  certificate.sign(forge.pki.privateKeyFromPem(options.issuerKeyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate).replace(/\r\n/g, '\n');
}

const pemBlock = (bundle: string, label: string) => {
  const match = new RegExp(`-----BEGIN ${label}-----[^-]+-----END ${label}-----\\n?`).exec(bundle);
  if (!match) throw new Error(`Key store file without a ${label} block`);
  return match[0];
};
const parseBundle = (bundle: Buffer) => {
  const text = bundle.toString('utf8');
  return { privatePem: pemBlock(text, 'PRIVATE KEY'), certificatePem: pemBlock(text, 'CERTIFICATE') };
};

/** Opens the local CA in `keyStoreDir`, creating it on first start; later starts and other processes reuse it. */
export async function openLocalCa(keyStoreDir: string): Promise<LocalCa> {
  const caFile = path.join(keyStoreDir, 'ca.pem');
  let caBundle = await readIfExists(caFile);
  if (!caBundle) {
    const key = await newKey();
    const subject = [...organisation, utf8('2.5.4.3', LOCAL_CA_NAME)];
    const selfSigned = issue({
      publicPem: key.publicPem,
      subject,
      issuer: subject,
      issuerKeyPem: key.privatePem,
      years: CA_YEARS,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    });
    caBundle = await createOnce(caFile, key.privatePem + selfSigned);
  }
  const ca = parseBundle(caBundle);
  const caCertificate = forge.pki.certificateFromPem(ca.certificatePem);
  // forge parses UTF8String values as raw bytes but encodes them again when writing: decode them first.
  const caSubject = caCertificate.subject.attributes.map((attribute) =>
    attribute.valueTagClass === stringType(forge.asn1.Type.UTF8) ? { ...attribute, value: forge.util.decodeUtf8(String(attribute.value)) } : attribute,
  );
  const caX509 = new X509Certificate(ca.certificatePem);
  const credential = (identity: SignerIdentity, file: string, privatePem: string, certificatePem: string): Credential => ({
    holderName: `${identity.nome} ${identity.cognome}`,
    file,
    privateKey: createPrivateKey(privatePem),
    certificatePem,
    chainDer: [new X509Certificate(certificatePem).raw, caX509.raw],
  });
  const inFlight = new Map<string, Promise<Credential>>();

  async function loadOrIssue(identity: SignerIdentity): Promise<Credential> {
    const file = path.join(keyStoreDir, 'signers', `${identity.codiceFiscale}.pem`);
    const subject = signerSubject(identity);
    const stored = await readIfExists(file);
    if (stored) {
      const { privatePem, certificatePem } = parseBundle(stored);
      const certificate = new X509Certificate(certificatePem);
      // Reused while it names the person as they are now, comes from this CA and has a month left.
      const sameName = certificateNames(certificate.raw).subject.equals(subjectDer(subject));
      const monthsLeft = (Date.parse(certificate.validTo) - Date.now()) / (30 * 24 * 3600_000);
      if (sameName && certificate.verify(caX509.publicKey) && monthsLeft > 1) return credential(identity, file, privatePem, certificatePem);
    }
    const key = await newKey();
    const bundle = key.privatePem + issue({
      publicPem: key.publicPem,
      subject,
      issuer: caSubject,
      issuerKeyPem: ca.privatePem,
      years: SIGNER_YEARS,
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        { name: 'subjectKeyIdentifier' },
        { name: 'authorityKeyIdentifier', keyIdentifier: caCertificate.generateSubjectKeyIdentifier().getBytes() },
      ],
    });
    if (stored) {
      await replace(file, bundle);
      return credential(identity, file, key.privatePem, pemBlock(bundle, 'CERTIFICATE'));
    }
    // First issue: whoever links the file first wins, and every process signs with that pair.
    const winner = parseBundle(await createOnce(file, bundle));
    return credential(identity, file, winner.privatePem, winner.certificatePem);
  }

  return {
    certificatePem: ca.certificatePem,
    async credentialFor(identity) {
      const normalised = { nome: identity.nome.trim(), cognome: identity.cognome.trim(), codiceFiscale: identity.codiceFiscale.trim().toUpperCase() };
      // The codice fiscale names a file, so nothing but its 16 letters and digits may pass.
      if (!CODICE_FISCALE.test(normalised.codiceFiscale) || !normalised.nome || !normalised.cognome) {
        const message = `Firmatario non valido: servono nome, cognome e un codice fiscale di 16 caratteri (ricevuto «${identity.codiceFiscale}»).`;
        throw ApplicationFailure.create({ type: 'FIRMATARIO_NON_VALIDO', message, nonRetryable: true });
      }
      // Concurrent first signatures of one person in this process share one issuance.
      const key = JSON.stringify(normalised);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = loadOrIssue(normalised);
        inFlight.set(key, pending);
        const forget = () => inFlight.delete(key);
        pending.then(forget, forget);
      }
      return pending;
    },
  };
}
