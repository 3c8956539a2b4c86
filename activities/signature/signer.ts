/**
 * The digital signature adapter: signs acts on behalf of a platform user, as PAdES (inside a PDF) or as
 * CAdES (a `.p7m` envelope around any file).
 *
 * Idempotency: every request carries a key derived from the workflow id and step. A second request with
 * the same key returns the bytes of the first, byte for byte, so a retried activity never produces a
 * second, different signed act; the same key with a different document, signer or reason is refused
 * (non-retryable `ApplicationFailure` of type `SIGNATURE_IDEMPOTENCY_CONFLICT`).
 *
 * Implementations:
 * - `createLocalSigner` (local-signer.ts): a local CA and per-user certificates in a key-store folder, for
 *   development, tests and demos. Its signatures are technically valid but carry no legal value.
 * - A remote implementation (a qualified trust service provider's remote-signing API, or the Region's
 *   signing server) is not written yet. It would take: the service's base URL, the client credentials
 *   (client id and secret or a client certificate and key, from a secret store, never the repository),
 *   the TLS trust anchors, how a user's remote signing account is found from the codice fiscale (the same
 *   `LookupSigner`), how the signing is authorised (automatic signature with a pre-authorised
 *   certificate, or an OTP the user gives in the inbox), per-call timeouts, and the folder or table where
 *   results are kept by idempotency key — the provider's API is rarely idempotent itself.
 */
export interface Signer {
  /** A PAdES baseline-B signature (SubFilter ETSI.CAdES.detached) added to the PDF as an incremental update. */
  signPdf(request: SignPdfRequest): Promise<Buffer>;
  /** A CAdES baseline-B attached signature: the DER bytes of the `.p7m`, which contains the content. */
  signCades(request: SignCadesRequest): Promise<Buffer>;
  /** The certificate the user signs with (issued on first use by implementations that issue them). */
  certificateOf(signerUserId: string): Promise<SignerCertificate>;
}

export interface SignPdfRequest {
  pdf: Buffer;
  signerUserId: string;
  /** Shown by PDF readers as the signature's reason, e.g. "Approvazione della graduatoria". */
  reason: string;
  idempotencyKey: string;
}

export interface SignCadesRequest {
  content: Buffer;
  signerUserId: string;
  idempotencyKey: string;
}

export interface SignerCertificate {
  pem: string;
  /** One line, most specific first: "CN=Mario Rossi, GN=Mario, SN=Rossi, serialNumber=TINIT-…, O=Regione Puglia, C=IT". */
  subject: string;
}

/** Who a platform user is, as a certificate names them. */
export interface SignerIdentity {
  nome: string;
  cognome: string;
  codiceFiscale: string;
}

/** Finds a user's identity; the platform passes one over its database, so the adapter needs none. */
export type LookupSigner = (signerUserId: string) => Promise<SignerIdentity>;
