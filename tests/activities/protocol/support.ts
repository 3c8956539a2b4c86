// Shared by the protocol tests: documents with their real SHA-256, the AgID schema check through
// xmllint (tests/support/segnatura-schema.ts), and reading values back from a segnatura.
import { createHash, randomUUID } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import type { ProtocolDocumentRef, RegistrationRequest } from '../../../activities/protocol/protocol-register';

/** A document's bytes and the reference the workflow would pass: its name and SHA-256 in hex. */
export function document(nome: string, content: string): { bytes: Buffer; ref: ProtocolDocumentRef } {
  const bytes = Buffer.from(content);
  return { bytes, ref: { nome, sha256: createHash('sha256').update(bytes).digest('hex'), documentId: randomUUID() } };
}

export const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

/** The three documents of a typical registration: a primary document and two attachments. */
export function threeDocuments() {
  const primario = document('domanda.pdf', `%PDF-1.7 domanda ${randomUUID()}`);
  const allegati = [document('planimetria.png', `PNG ${randomUUID()}`), document('documento-identita.pdf', `%PDF-1.7 ${randomUUID()}`)];
  return { primario, allegati, documenti: { primario: primario.ref, allegati: allegati.map((allegato) => allegato.ref) } };
}

export function request(overrides: Partial<RegistrationRequest> = {}): RegistrationRequest {
  return {
    idempotencyKey: `wf-${randomUUID()}/protocollo`,
    direction: 'ENTRATA',
    oggetto: 'Domanda di contributo per il sostegno alla locazione',
    corrispondente: 'Comune di Bari',
    workflowId: `wf-${randomUUID()}`,
    ...overrides,
  };
}

export { SEGNATURA_XSD, validateWithXmllint, XMLLINT_ARGS } from '../../support/segnatura-schema';

const select = xpath.useNamespaces({ prot: 'http://www.agid.gov.it/protocollo/', ds: 'http://www.w3.org/2000/09/xmldsig#', xades: 'http://uri.etsi.org/01903/v1.3.2#' });

/** The string values an XPath selects in a segnatura (attributes or text). */
export function values(xml: string, expression: string): string[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const nodes = select(expression, doc as unknown as Node) as Node[];
  return nodes.map((node) => node.nodeValue ?? node.textContent ?? '');
}
