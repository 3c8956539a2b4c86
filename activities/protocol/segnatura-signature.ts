// The segnatura's XAdES baseline-B signature (ETSI EN 319 132-1), as segnatura_protocollo.xsd asks:
// an enveloped ds:Signature over the whole segnatura plus a second reference to the signed qualifying
// properties (signing time, signing certificate), exclusive c14n, RSA-SHA256. xml-crypto computes the
// XML-DSig; the XAdES properties are written here and carried in the signature's ds:Object.
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import xpath from 'xpath';
import { certificateDigest, type ProtocolKey } from './protocol-keys';
import { PROTOCOLLO_NS } from './segnatura';

const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
const STRONG_SIGNATURE_METHODS = new Set([RSA_SHA256, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512']);
const STRONG_DIGEST_METHODS = new Set([SHA256, 'http://www.w3.org/2001/04/xmlenc#sha512']);

const select = xpath.useNamespaces({ ds: DS_NS, xades: XADES_NS, prot: PROTOCOLLO_NS });

// xpath and xml-crypto are typed against lib.dom's Node, @xmldom/xmldom against its own classes: the
// objects are the same at run time, so these helpers hold the one cast between the two typings.
const domNode = (node: Element) => node as unknown as globalThis.Node;
const selectElements = (expression: string, context: Element) => select(expression, domNode(context)) as unknown as Element[];
const selectText = (expression: string, context: Element) => (select(`string(${expression})`, domNode(context)) as string).trim();

/**
 * The qualifying properties. SigningCertificateV2 carries the certificate's digest only: EN 319 132-1's
 * baseline advises against IssuerSerialV2. DataObjectFormat names the signed object's type, which the
 * baseline requires for every signed data object.
 */
function qualifyingProperties(ids: { signature: string; properties: string; reference: string }, key: ProtocolKey, signingTime: Date): string {
  const time = signingTime.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `<xades:QualifyingProperties xmlns:xades="${XADES_NS}" Target="#${ids.signature}">` +
    `<xades:SignedProperties Id="${ids.properties}">` +
    `<xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${time}</xades:SigningTime>` +
    `<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>` +
    `<ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${certificateDigest(key.certificateDer)}</ds:DigestValue>` +
    `</xades:CertDigest></xades:Cert></xades:SigningCertificateV2>` +
    `</xades:SignedSignatureProperties>` +
    `<xades:SignedDataObjectProperties>` +
    `<xades:DataObjectFormat ObjectReference="#${ids.reference}"><xades:MimeType>text/xml</xades:MimeType></xades:DataObjectFormat>` +
    `</xades:SignedDataObjectProperties>` +
    `</xades:SignedProperties>` +
    `</xades:QualifyingProperties>`
  );
}

/**
 * Signs an unsigned segnatura. `id` (an XML NCName suffix, e.g. the registration's UUID) makes the
 * signature's Id attributes unique; `signingTime` is the registration's instant.
 */
export function signSegnatura(unsigned: string, key: ProtocolKey, options: { id: string; signingTime: Date }): string {
  const ids = { signature: `firma-${options.id}`, properties: `proprieta-firmate-${options.id}`, reference: `rif-segnatura-${options.id}` };
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: RSA_SHA256,
    objects: [{ content: qualifyingProperties(ids, key, options.signingTime) }],
  });
  signer.addReference({ xpath: '/*', isEmptyUri: true, id: ids.reference, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  signer.addReference({ xpath: `//*[@Id='${ids.properties}']`, type: SIGNED_PROPERTIES_TYPE, transforms: [EXC_C14N], digestAlgorithm: SHA256 });
  signer.computeSignature(unsigned, { prefix: 'ds', attrs: { Id: ids.signature }, location: { reference: '/*', action: 'append' } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${signer.getSignedXml()}`;
}

export type SegnaturaVerification =
  | { valid: true; certificatePem: string; signingTime: string }
  | { valid: false; problem: string };

const invalid = (problem: string): SegnaturaVerification => ({ valid: false, problem });

function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Checks a segnatura's signature: the XML-DSig (both references' digests and the signature value, with
 * the certificate in ds:KeyInfo), that the first reference covers the whole segnatura, that the second
 * is the XAdES SignedProperties of this very signature, and that SigningCertificateV2 names that
 * certificate. `certificatePem` pins the expected signer (e.g. the AOO's certificate); without it the
 * check proves integrity, not who signed.
 */
export function verifySegnatura(xml: string, options: { certificatePem?: string } = {}): SegnaturaVerification {
  // A segnatura has no DOCTYPE; one could only serve to smuggle entities.
  if (/<!DOCTYPE/i.test(xml)) return invalid('La segnatura contiene una dichiarazione DOCTYPE.');
  let root: Element;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
    root = doc.documentElement!;
  } catch (error) {
    return invalid(`La segnatura non è un XML ben formato: ${(error as Error).message}`);
  }
  if (root.localName !== 'SegnaturaInformatica' || root.namespaceURI !== PROTOCOLLO_NS) return invalid('La radice non è prot:SegnaturaInformatica.');

  const signatures = selectElements('//ds:Signature', root);
  if (signatures.length !== 1 || signatures[0]!.parentNode !== root) return invalid('La segnatura deve avere una sola ds:Signature, figlia della radice.');
  const signature = signatures[0]!;

  const certificateBase64 = selectText('ds:KeyInfo/ds:X509Data/ds:X509Certificate', signature);
  if (!certificateBase64) return invalid('ds:KeyInfo non contiene il certificato del firmatario.');
  const certificatePem = toPem(certificateBase64);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch (error) {
    return invalid(`Il certificato in ds:KeyInfo non è leggibile: ${(error as Error).message}`);
  }
  if (options.certificatePem && !certificate.raw.equals(new X509Certificate(options.certificatePem).raw)) {
    return invalid('La segnatura è firmata con un certificato diverso da quello atteso.');
  }

  // xml-crypto would also accept SHA-1, which no segnatura should be trusted with any more.
  const signatureMethod = selectText('ds:SignedInfo/ds:SignatureMethod/@Algorithm', signature);
  if (!STRONG_SIGNATURE_METHODS.has(signatureMethod)) return invalid(`Algoritmo di firma non ammesso: ${signatureMethod || 'assente'}.`);
  const digestMethods = selectElements('ds:SignedInfo/ds:Reference/ds:DigestMethod', signature).map((method) => method.getAttribute('Algorithm') ?? '');
  const weakDigest = digestMethods.find((method) => !STRONG_DIGEST_METHODS.has(method));
  if (weakDigest !== undefined) return invalid(`Algoritmo di impronta non ammesso: ${weakDigest || 'assente'}.`);

  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  verifier.loadSignature(domNode(signature));
  try {
    if (!verifier.checkSignature(xml)) {
      const failed = verifier.getReferences().find((reference) => reference.validationError);
      return invalid(`Un riferimento firmato non corrisponde: ${failed?.validationError?.message ?? 'digest errato'}`);
    }
  } catch (error) {
    return invalid(`La firma non è valida: ${(error as Error).message}`);
  }

  // The SignedInfo just verified (xml-crypto checks every Reference in it); read what each one covers.
  const references = selectElements('ds:SignedInfo/ds:Reference', signature);
  const whole = references.filter((reference) => reference.hasAttribute('URI') && reference.getAttribute('URI') === '');
  const enveloped = whole.length === 1 && selectElements('ds:Transforms/ds:Transform', whole[0]!).some((transform) => transform.getAttribute('Algorithm') === ENVELOPED);
  if (!enveloped) return invalid('Nessun riferimento firmato copre l’intera segnatura.');
  const propertiesReferences = references.filter((reference) => reference.getAttribute('Type') === SIGNED_PROPERTIES_TYPE);
  if (propertiesReferences.length !== 1) return invalid('Manca il riferimento alle SignedProperties XAdES.');
  const propertiesUri = propertiesReferences[0]!.getAttribute('URI');
  const signatureId = signature.getAttribute('Id');
  const properties = selectElements(`ds:Object/xades:QualifyingProperties[@Target='#${signatureId}']/xades:SignedProperties`, signature);
  if (properties.length !== 1 || `#${properties[0]!.getAttribute('Id')}` !== propertiesUri) {
    return invalid('Le SignedProperties firmate non sono quelle di questa firma.');
  }
  const signedProperties = properties[0]!;
  const certDigest = selectText('xades:SignedSignatureProperties/xades:SigningCertificateV2/xades:Cert/xades:CertDigest/ds:DigestValue', signedProperties);
  const certDigestMethod = selectText('xades:SignedSignatureProperties/xades:SigningCertificateV2/xades:Cert/xades:CertDigest/ds:DigestMethod/@Algorithm', signedProperties);
  if (certDigestMethod !== SHA256 || certDigest !== createHash('sha256').update(certificate.raw).digest('base64')) {
    return invalid('SigningCertificateV2 non corrisponde al certificato in ds:KeyInfo.');
  }
  const signingTime = selectText('xades:SignedSignatureProperties/xades:SigningTime', signedProperties);
  if (!signingTime) return invalid('Manca SigningTime.');
  return { valid: true, certificatePem, signingTime };
}
