// Checks signatures with tools independent of the code that made them: poppler's pdfsig (NSS) for PDFs,
// OpenSSL for .p7m envelopes. The tests prove the signer with them, and the platform can check uploads.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runTool, withTempDir } from './tools';

/** One signature of a PDF as pdfsig reports it. */
export interface PdfSignatureCheck {
  fieldName: string;
  signerCommonName: string;
  signerDistinguishedName: string;
  /** As pdfsig prints it, e.g. "Nov 23 2026 10:15:02" (local time). */
  signingTime: string;
  hashAlgorithm: string;
  /** The SubFilter: "ETSI.CAdES.detached" for PAdES. */
  signatureType: string;
  /** False when content was appended after this signature (another signature, or a change). */
  coversWholeDocument: boolean;
  /** pdfsig's verdict on the signature itself: "Signature is Valid.", "Digest Mismatch.", … */
  signatureValidation: string;
  /** pdfsig's verdict on the certificate, e.g. "Certificate issuer isn't Trusted." for a local CA. */
  certificateValidation: string;
  /** The signature matches the bytes it covers (whatever the certificate's trust). */
  valid: boolean;
}

function parseSignature(block: string): PdfSignatureCheck {
  const fields = new Map<string, string>();
  const lines = block.split('\n').map((line) => line.replace(/^\s*-\s*/, '').trim());
  for (const line of lines) {
    const colon = line.indexOf(': ');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
  }
  const field = (name: string) => fields.get(name) ?? '';
  return {
    fieldName: field('Signature Field Name'),
    signerCommonName: field('Signer Certificate Common Name'),
    signerDistinguishedName: field('Signer full Distinguished Name'),
    signingTime: field('Signing Time'),
    hashAlgorithm: field('Signing Hash Algorithm'),
    signatureType: field('Signature Type'),
    coversWholeDocument: lines.includes('Total document signed'),
    signatureValidation: field('Signature Validation'),
    certificateValidation: field('Certificate Validation'),
    valid: field('Signature Validation') === 'Signature is Valid.',
  };
}

/**
 * The PDF's signatures as `pdfsig` (poppler-utils) verifies them, in document order; none for an
 * unsigned PDF. OCSP is not queried, so the check works offline and never waits on a responder.
 */
export async function verifyPdfWithPdfsig(pdf: Buffer): Promise<PdfSignatureCheck[]> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { exitCode, stdout, stderr } = await runTool('pdfsig', ['-no-ocsp', file]);
    if (exitCode === 2 && stdout.includes('does not contain any signatures')) return [];
    if (exitCode !== 0) throw new Error(`pdfsig failed (${exitCode}): ${stderr.trim() || stdout.trim()}`);
    return stdout.split(/^Signature #\d+:$/m).slice(1).map(parseSignature);
  });
}

export type P7mCheck = { valid: true; content: Buffer } | { valid: false; reason: string };

/**
 * Verifies a DER `.p7m` with `openssl cms -verify` against `caPem` (the trust anchors, PEM) and returns
 * the signed content. A tampered, unreadable or untrusted envelope is `valid: false` with OpenSSL's words.
 */
export async function verifyP7mWithOpenssl(p7m: Buffer, caPem: string): Promise<P7mCheck> {
  return withTempDir(async (dir) => {
    const file = (name: string) => path.join(dir, name);
    await writeFile(file('signed.p7m'), p7m);
    await writeFile(file('ca.pem'), caPem);
    const { exitCode, stderr } = await runTool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file('signed.p7m'), '-CAfile', file('ca.pem'), '-out', file('content')]);
    if (exitCode === 0) return { valid: true, content: await readFile(file('content')) };
    // openssl cms: 2 the input cannot be read, 3 it is not a CMS structure, 4 the verification failed.
    if ([2, 3, 4].includes(exitCode)) return { valid: false, reason: stderr.trim() };
    throw new Error(`openssl cms -verify failed (${exitCode}): ${stderr.trim()}`);
  });
}
