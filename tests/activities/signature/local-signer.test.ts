import { randomUUID, X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { LOCAL_CA_NAME } from '../../../activities/signature/local-ca';
import { createLocalSigner, type LocalSigner } from '../../../activities/signature/local-signer';
import type { SignerIdentity } from '../../../activities/signature/signer';
import { runTool } from '../../../activities/signature/tools';
import { verifyP7mWithOpenssl, verifyPdfWithPdfsig } from '../../../activities/signature/verify';
import { launchBrowser } from '../../support/browser';

const ESS_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

// Fictitious people; codici fiscali of the right shape.
const people: Record<string, SignerIdentity> = {
  'u-dirigente': { nome: 'Niccolò', cognome: "D'Amico", codiceFiscale: 'DMCNCL70A01A662Z' },
  'u-istruttore': { nome: 'Giulia', cognome: 'Ferri', codiceFiscale: 'FRRGLI85C54A662V' },
};
const lookupSigner = async (userId: string) => {
  const person = people[userId];
  if (!person) throw new Error(`unknown user ${userId}`);
  return person;
};

async function samplePdf(text: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 770, size: 14, font: await document.embedFont(StandardFonts.Helvetica) });
  // pdf-lib writes cross-reference streams by default, which the signer must cope with.
  return Buffer.from(await document.save());
}

/** The first signature's CMS and the bytes it covers, read from /ByteRange as any verifier does. */
function firstSignature(pdf: Buffer): { cms: Buffer; signedBytes: Buffer; byteRange: number[] } {
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no /ByteRange in the PDF');
  const [start, length1, start2, length2] = match.slice(1).map(Number) as [number, number, number, number];
  const hex = pdf.subarray(start + length1 + 1, start2 - 1).toString('latin1');
  return {
    cms: Buffer.from(hex.replace(/(00)+$/, ''), 'hex'),
    signedBytes: Buffer.concat([pdf.subarray(start, start + length1), pdf.subarray(start2, start2 + length2)]),
    byteRange: [start, length1, start2, length2],
  };
}

async function openssl(args: string[]): Promise<string> {
  const result = await runTool('openssl', args);
  if (result.exitCode !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('local signer', () => {
  let keyStoreDir: string;
  let workDir: string;
  let signer: LocalSigner;
  let pdf: Buffer;
  let signedPdf: Buffer;
  const file = (name: string) => path.join(workDir, name);

  beforeAll(async () => {
    keyStoreDir = await mkdtemp(path.join(os.tmpdir(), 'push-keystore-test-'));
    workDir = await mkdtemp(path.join(os.tmpdir(), 'push-signature-test-'));
    signer = await createLocalSigner({ keyStoreDir, lookupSigner });
    pdf = await samplePdf('Determinazione dirigenziale n. 1/2026');
    signedPdf = await signer.signPdf({ pdf, signerUserId: 'u-dirigente', reason: 'Approvazione della graduatoria – è definitiva', idempotencyKey: `wf-${randomUUID()}/firma` });
  });
  afterAll(async () => {
    await rm(keyStoreDir, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });

  it('when a PDF is signed, then pdfsig finds one valid ETSI.CAdES.detached signature by the signer over the whole document', async () => {
    const [signature, ...others] = await verifyPdfWithPdfsig(signedPdf);
    expect(others).toHaveLength(0);
    expect(signature).toMatchObject({
      signerCommonName: "Niccolò D'Amico",
      signatureType: 'ETSI.CAdES.detached',
      hashAlgorithm: 'SHA-256',
      coversWholeDocument: true,
      signatureValidation: 'Signature is Valid.',
      valid: true,
    });
    expect(signature!.signerDistinguishedName).toContain('serialNumber=TINIT-DMCNCL70A01A662Z');
    expect(signature!.signerDistinguishedName).toContain('O=Regione Puglia');
    expect(await verifyPdfWithPdfsig(pdf)).toEqual([]);
  });

  it('when a PDF is signed, then its CMS has ESS signing-certificate-v2 and no signing-time, and openssl verifies it over the byte ranges', async () => {
    const { cms, signedBytes } = firstSignature(signedPdf);
    await writeFile(file('pades.der'), cms);
    await writeFile(file('ranges.bin'), signedBytes);
    await writeFile(file('ca.pem'), signer.caCertificatePem);
    const printed = await openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file('pades.der')]);
    expect(printed).toContain(`(${ESS_SIGNING_CERTIFICATE_V2})`);
    expect(printed).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(printed).toContain('messageDigest (1.2.840.113549.1.9.4)');
    // PAdES baseline (EN 319 142-1) forbids signing-time in the CMS: the time is the dictionary's /M.
    expect(printed).not.toContain('signingTime');
    await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', file('pades.der'), '-content', file('ranges.bin'), '-CAfile', file('ca.pem'), '-out', file('verified.bin')]);
  });

  it('when the reason and the name have accents, then the signature dictionary spells them right', async () => {
    const document = await PDFDocument.load(signedPdf);
    const dictionaries = document.context.enumerateIndirectObjects().map(([, object]) => object);
    const signature = dictionaries.find((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Sig'));
    const text = (key: string) => (signature!.get(PDFName.of(key)) as PDFHexString | PDFString).decodeText();
    expect(text('Reason')).toBe('Approvazione della graduatoria – è definitiva');
    expect(text('Name')).toBe("Niccolò D'Amico");
    expect(signature!.get(PDFName.of('SubFilter'))).toBe(PDFName.of('ETSI.CAdES.detached'));
  });

  it('when one byte inside a signed range of the PDF changes, then pdfsig reports the signature as not valid', async () => {
    const tampered = Buffer.from(signedPdf);
    // A letter of the producer's name in the document information: the file still parses, the digest changes.
    const at = tampered.indexOf('/Producer (pdf-lib') + '/Producer ('.length;
    const [, length1] = firstSignature(signedPdf).byteRange;
    expect(at).toBeLessThan(length1!);
    tampered[at] = tampered[at]! ^ 0x01;
    const [signature] = await verifyPdfWithPdfsig(tampered);
    expect(signature!.valid).toBe(false);
    expect(signature!.signatureValidation).toBe('Digest Mismatch.');
  });

  it('when a signed PDF is signed by a second person, then both signatures stay valid and the last covers the whole document', async () => {
    const twice = await signer.signPdf({ pdf: signedPdf, signerUserId: 'u-istruttore', reason: 'Visto', idempotencyKey: `wf-${randomUUID()}/visto` });
    const signatures = await verifyPdfWithPdfsig(twice);
    expect(signatures.map((s) => [s.signerCommonName, s.valid, s.coversWholeDocument])).toEqual([
      ["Niccolò D'Amico", true, false],
      ['Giulia Ferri', true, true],
    ]);
  });

  it('when a PDF printed by Chromium (as the templates are) is signed, then pdfsig finds the signature valid', async () => {
    const chromium = await launchBrowser();
    let printed: Buffer;
    try {
      const page = await chromium.browser.newPage();
      await page.setContent('<h1>Determinazione n. 7/2026</h1><p>Si approva la graduatoria definitiva.</p>');
      printed = Buffer.from(await page.pdf({ format: 'A4' }));
    } finally {
      await chromium.close();
    }
    const signed = await signer.signPdf({ pdf: printed, signerUserId: 'u-istruttore', reason: 'Firma', idempotencyKey: `wf-${randomUUID()}/firma` });
    // Chromium writes a classic xref table, so the signature is an incremental update of its bytes.
    expect(signed.subarray(0, printed.length - 1).equals(printed.subarray(0, printed.length - 1))).toBe(true);
    expect(await verifyPdfWithPdfsig(signed)).toMatchObject([{ signerCommonName: 'Giulia Ferri', coversWholeDocument: true, valid: true }]);
  });

  it('when content is signed as .p7m, then openssl verifies it against the local CA, gives the original bytes back and finds ESS signing-certificate-v2', async () => {
    const p7m = await signer.signCades({ content: pdf, signerUserId: 'u-istruttore', idempotencyKey: `wf-${randomUUID()}/p7m` });
    const check = await verifyP7mWithOpenssl(p7m, signer.caCertificatePem);
    expect(check.valid && check.content.equals(pdf)).toBe(true);
    await writeFile(file('signed.p7m'), p7m);
    const printed = await openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file('signed.p7m')]);
    expect(printed).toContain(`(${ESS_SIGNING_CERTIFICATE_V2})`);
    expect(printed).toContain('signingTime');
  });

  it('when one byte of the signed content inside the .p7m changes, then openssl rejects it', async () => {
    const p7m = await signer.signCades({ content: pdf, signerUserId: 'u-istruttore', idempotencyKey: `wf-${randomUUID()}/p7m` });
    const tampered = Buffer.from(p7m);
    const at = tampered.indexOf(pdf.subarray(0, 64)) + 32;
    tampered[at] = tampered[at]! ^ 0x01;
    const check = await verifyP7mWithOpenssl(tampered, signer.caCertificatePem);
    expect(check.valid).toBe(false);
    expect(!check.valid && check.reason).toMatch(/digest failure|verification failure/i);
  });

  it('when a .p7m is verified against another CA, then openssl rejects it', async () => {
    const p7m = await signer.signCades({ content: Buffer.from('testo'), signerUserId: 'u-dirigente', idempotencyKey: `wf-${randomUUID()}/p7m` });
    const otherStore = await mkdtemp(path.join(os.tmpdir(), 'push-keystore-other-'));
    try {
      const other = await createLocalSigner({ keyStoreDir: otherStore, lookupSigner });
      const check = await verifyP7mWithOpenssl(p7m, other.caCertificatePem);
      expect(check.valid).toBe(false);
    } finally {
      await rm(otherStore, { recursive: true, force: true });
    }
  });

  it('when a person signs for the first time, then the local CA issues them a non-repudiation certificate naming them', async () => {
    const { pem, subject } = await signer.certificateOf('u-dirigente');
    expect(subject).toBe("CN=Niccolò D'Amico, GN=Niccolò, SN=D'Amico, serialNumber=TINIT-DMCNCL70A01A662Z, O=Regione Puglia, C=IT");
    const certificate = new X509Certificate(pem);
    const ca = new X509Certificate(signer.caCertificatePem);
    expect(ca.subject).toBe(`C=IT\nO=Regione Puglia\nCN=${LOCAL_CA_NAME}`);
    expect(certificate.issuer).toBe(ca.subject);
    expect(certificate.verify(ca.publicKey)).toBe(true);
    await writeFile(file('signer.pem'), pem);
    const text = await openssl(['x509', '-noout', '-text', '-in', file('signer.pem')]);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toContain('Public-Key: (3072 bit)');
  });

  it('when a second signer opens the same key store, then it reuses the CA and the signing certificates', async () => {
    const again = await createLocalSigner({ keyStoreDir, lookupSigner });
    expect(again.caCertificatePem).toBe(signer.caCertificatePem);
    expect(await again.certificateOf('u-dirigente')).toEqual(await signer.certificateOf('u-dirigente'));
  });

  it('when a signature is retried with the same idempotency key, then the same bytes come back, from any instance and at once', async () => {
    const pdfRequest = { pdf, signerUserId: 'u-dirigente', reason: 'Approvazione', idempotencyKey: `wf-${randomUUID()}/firma` };
    const p7mRequest = { content: pdf, signerUserId: 'u-dirigente', idempotencyKey: `wf-${randomUUID()}/p7m` };
    const other = await createLocalSigner({ keyStoreDir, lookupSigner });
    const concurrent = await Promise.all([signer.signPdf(pdfRequest), signer.signPdf(pdfRequest), other.signPdf(pdfRequest)]);
    const p7m = await signer.signCades(p7mRequest);
    // A retry in another process, later: it must return the kept bytes without signing again (which
    // would give another signing time), so this instance cannot even find the signer.
    const lookups: string[] = [];
    const retrying = await createLocalSigner({
      keyStoreDir,
      lookupSigner: async (userId) => {
        lookups.push(userId);
        throw new Error('the retry looked the signer up');
      },
    });
    const retried = await retrying.signPdf(pdfRequest);
    for (const result of [...concurrent, retried]) expect(result.equals(concurrent[0]!)).toBe(true);
    expect((await retrying.signCades(p7mRequest)).equals(p7m)).toBe(true);
    expect(lookups).toEqual([]);
  });

  it('when an idempotency key is reused for another document or signer, then the signer refuses, not retryable', async () => {
    const idempotencyKey = `wf-${randomUUID()}/firma`;
    await signer.signPdf({ pdf, signerUserId: 'u-dirigente', reason: 'Approvazione', idempotencyKey });
    const otherPdf = await samplePdf('Determinazione dirigenziale n. 2/2026');
    for (const request of [
      { pdf: otherPdf, signerUserId: 'u-dirigente', reason: 'Approvazione', idempotencyKey },
      { pdf, signerUserId: 'u-istruttore', reason: 'Approvazione', idempotencyKey },
    ]) {
      const refusal = await signer.signPdf(request).then(() => undefined, (error: unknown) => error);
      expect(refusal).toBeInstanceOf(ApplicationFailure);
      expect(refusal).toMatchObject({ type: 'SIGNATURE_IDEMPOTENCY_CONFLICT', nonRetryable: true });
    }
  });

  it('when the key store is written, then every file is readable by its owner only', async () => {
    const modes: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        modes.push(`${entry.isDirectory() ? 'dir' : 'file'} ${((await stat(full)).mode & 0o777).toString(8)}`);
        if (entry.isDirectory()) await walk(full);
      }
    };
    await walk(keyStoreDir);
    expect(modes.length).toBeGreaterThan(4);
    expect(new Set(modes)).toEqual(new Set(['dir 700', 'file 600']));
    expect((await readdir(keyStoreDir)).sort()).toEqual(['ca.pem', 'results', 'signers']);
  });

  it("when a person's name changes, then their next certificate names them as they are now", async () => {
    const codiceFiscale = 'BNCLRA90D45L049K';
    let cognome = 'Bianchi';
    const renamed = await createLocalSigner({ keyStoreDir, lookupSigner: async () => ({ nome: 'Laura', cognome, codiceFiscale }) });
    const before = await renamed.certificateOf('u-laura');
    cognome = 'Bianchi Verdi';
    const after = await renamed.certificateOf('u-laura');
    expect(before.subject).toContain('CN=Laura Bianchi,');
    expect(after.subject).toContain('CN=Laura Bianchi Verdi,');
    expect(after.pem).not.toBe(before.pem);
  });

  it('when the codice fiscale is malformed, then the signer refuses it, not retryable', async () => {
    const bad = await createLocalSigner({ keyStoreDir, lookupSigner: async () => ({ nome: 'Mario', cognome: 'Rossi', codiceFiscale: '../../etc/passwd' }) });
    await expect(bad.certificateOf('u-mario')).rejects.toMatchObject({ type: 'FIRMATARIO_NON_VALIDO', nonRetryable: true });
  });
});
