// PAdES baseline-B: a signature dictionary (SubFilter ETSI.CAdES.detached, /M the claimed signing time)
// appended to the PDF as an incremental update, so earlier signatures stay valid, with the detached CMS
// of cms.ts over its byte ranges in /Contents.
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignPdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { detachedCadesSignature } from './cms';
import type { Credential } from './local-ca';

/** Signs whatever bytes @signpdf hands over: the PDF without the /Contents placeholder. */
class DetachedCadesSigner extends SignPdfSigner {
  constructor(private readonly credential: Credential) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    return detachedCadesSignature(signedBytes, this.credential.privateKey, this.credential.chainDer);
  }
}

/** True when the last cross-reference section is a classic `xref` table, the only kind @signpdf's parser reads. */
function hasXrefTable(pdf: Buffer): boolean {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const offset = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
  // @signpdf's own updates point startxref at the line break before `xref`: readers accept that.
  return offset !== undefined && /^\s*xref/.test(pdf.subarray(Number(offset), Number(offset) + 8).toString('latin1'));
}

/**
 * Rewrites a PDF with cross-reference streams (pdf-lib's and many producers' default) with a classic
 * table. Only an unsigned PDF may be rewritten: that would break the signatures already in it.
 */
async function withXrefTable(pdf: Buffer): Promise<Buffer> {
  if (hasXrefTable(pdf)) return pdf;
  if (pdf.includes('/ByteRange')) throw new Error('il PDF è già firmato e usa cross-reference stream: una nuova firma invaliderebbe le precedenti');
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/**
 * @signpdf writes a non-ASCII text string as UTF-16 and then encodes those bytes again as UTF-8, which
 * garbles "Niccolò". Such a text goes in as an ASCII token of the same length as its UTF-16 hex string,
 * which then takes the token's place: the lengths match, so no offset in the PDF moves.
 */
function textStrings(texts: Record<string, string>): { tokens: Record<string, string>; patch(pdf: Buffer): Buffer } {
  const swaps: { token: string; hex: string }[] = [];
  const tokens = Object.fromEntries(
    Object.entries(texts).map(([key, text]) => {
      if (/^[\x20-\x7e]*$/.test(text)) return [key, text];
      const hex = `<${Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex')}>`;
      // Letters g–z never occur in the hex strings around it, so the token is found only where it was put.
      const token = Array.from(randomBytes(hex.length - 2), (byte) => String.fromCharCode(0x67 + (byte % 20))).join('');
      swaps.push({ token: `(${token})`, hex });
      return [key, token];
    }),
  );
  return {
    tokens,
    patch(pdf) {
      for (const { token, hex } of swaps) {
        // The signature dictionary is in the update just appended, at the end of the file.
        const at = pdf.lastIndexOf(token, undefined, 'latin1');
        if (at < 0) throw new Error('text token not found in the signature dictionary');
        pdf.write(hex, at, 'latin1');
      }
      return pdf;
    },
  };
}

export async function signPades(pdf: Buffer, options: { credential: Credential; reason: string; signingTime: Date }): Promise<Buffer> {
  let prepared: Buffer;
  try {
    const texts = textStrings({ reason: options.reason, name: options.credential.holderName });
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: await withXrefTable(pdf),
      reason: texts.tokens.reason!,
      name: texts.tokens.name!,
      location: 'Regione Puglia',
      contactInfo: '',
      signingTime: options.signingTime,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'PUSH',
    });
    prepared = texts.patch(withPlaceholder);
  } catch (error) {
    // The same PDF fails the same way every time: a retry cannot help.
    const reason = error instanceof Error ? error.message : String(error);
    throw ApplicationFailure.create({ type: 'PDF_NON_FIRMABILE', message: `Il PDF non può essere firmato: ${reason}`, nonRetryable: true, cause: error instanceof Error ? error : undefined });
  }
  return new SignPdf().sign(prepared, new DetachedCadesSigner(options.credential));
}
