// The detached CMS (CAdES) signature a PAdES baseline-B PDF carries. It is built here rather than with
// `openssl cms -sign` because OpenSSL 3.0 always adds the signing-time attribute, which EN 319 142-1
// forbids in PAdES baseline signatures (the claimed time is the /M entry of the signature dictionary;
// the EU's DSS validator refuses baseline-B when it is present). The signed attributes are exactly
// content-type, message-digest and ESS signing-certificate-v2; pdfsig and `openssl cms -verify` check it.
import { createHash, sign, type KeyObject } from 'node:crypto';

// A minimal DER writer: a tag, its length, its content.
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
/** DER orders the members of a SET OF by their encodings. */
const setOf = (...members: Buffer[]) => tlv(0x31, ...[...members].sort(Buffer.compare));
const integer = (value: number) => tlv(0x02, Buffer.from([value]));
const octetString = (bytes: Buffer) => tlv(0x04, bytes);
const NULL = Buffer.from([0x05, 0x00]);
function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc % 128];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) base128.unshift(0x80 | (high % 128));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

/** The complete encodings (tag and length included) of the members of a constructed DER element. */
export function derChildren(element: Buffer): Buffer[] {
  const headerLength = (at: number) => {
    const first = element[at + 1] ?? 0;
    return first < 0x80 ? { header: 2, length: first } : { header: 2 + (first & 0x7f), length: element.subarray(at + 2, at + 2 + (first & 0x7f)).reduce((n, b) => n * 256 + b, 0) };
  };
  const outer = headerLength(0);
  const children: Buffer[] = [];
  for (let at = outer.header; at < outer.header + outer.length; ) {
    const { header, length } = headerLength(at);
    children.push(element.subarray(at, at + header + length));
    at += header + length;
  }
  return children;
}

/** Issuer, serial number and subject of a DER certificate, as their original encodings. */
export function certificateNames(certificateDer: Buffer): { issuer: Buffer; serialNumber: Buffer; subject: Buffer } {
  const [tbs] = derChildren(certificateDer);
  const fields = derChildren(tbs!);
  // The version is an optional explicit [0] before the serial number.
  const [serialNumber, , issuer, , subject] = fields[0]?.[0] === 0xa0 ? fields.slice(1) : fields;
  return { issuer: issuer!, serialNumber: serialNumber!, subject: subject! };
}

/**
 * A detached CMS SignedData over `content`, signed with RSA PKCS#1 v1.5 and SHA-256, deterministic for
 * the same content and key. `chainDer` holds the signer's certificate first, then its issuers.
 */
export function detachedCadesSignature(content: Buffer, privateKey: KeyObject, chainDer: Buffer[]): Buffer {
  const signerCertificate = chainDer[0]!;
  const { issuer, serialNumber } = certificateNames(signerCertificate);
  const sha256 = sequence(oid(OID.sha256));
  const attribute = (type: string, value: Buffer) => sequence(oid(type), setOf(value));
  // ESSCertIDv2 with the default hash algorithm (SHA-256), which DER leaves out; issuerSerial names the
  // issuer as a directoryName [4].
  const essCertIdV2 = sequence(octetString(createHash('sha256').update(signerCertificate).digest()), sequence(sequence(tlv(0xa4, issuer)), serialNumber));
  const signedAttributes = setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
  );
  // The signature covers the attributes encoded as a SET; the SignerInfo carries them as [0] IMPLICIT.
  const signature = sign('sha256', signedAttributes, privateKey);
  const signerInfo = sequence(
    integer(1),
    sequence(issuer, serialNumber),
    sha256,
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    sequence(oid(OID.rsaEncryption), NULL),
    octetString(signature),
  );
  const signedData = sequence(integer(1), setOf(sha256), sequence(oid(OID.data)), tlv(0xa0, ...[...chainDer].sort(Buffer.compare)), setOf(signerInfo));
  return sequence(oid(OID.signedData), tlv(0xa0, signedData));
}
