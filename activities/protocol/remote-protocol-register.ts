import { ApplicationFailure } from '@temporalio/common';
import { PROTOCOL_FAILURE, protocolRejection, protocolUnavailable } from './protocol-errors';
import type { AnnulmentRequest, ProtocolRegister, Registration, RegistrationRequest } from './protocol-register';
import { RegistrationSchema } from './protocol-schemas';

export interface RemoteProtocolRegisterSettings {
  /** Base URL of the protocol service, e.g. https://protocollo.regione.puglia.it/api/ (a path prefix is kept). */
  baseUrl: string;
  username: string;
  password: string;
  /** Per request; a timeout is retryable, and safe to retry thanks to the idempotency key. */
  timeoutMs: number;
}

/** The body of an error response, when the service sent the JSON it promises. */
async function errorBody(response: Response): Promise<{ code?: string; message?: string }> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') return body as { code?: string; message?: string };
  } catch {
    // Not JSON (a proxy's HTML page, say): the status alone decides, and the text is kept for the message.
  }
  return { message: text.slice(0, 200) };
}

/**
 * A status as a failure. 401/403 are configuration errors a retry cannot fix; other 4xx are business
 * rejections (non-retryable, with the service's code and Italian message); 408, 429 and 5xx may pass.
 */
async function failureOf(response: Response, operation: string): Promise<Error> {
  const { status } = response;
  const body = await errorBody(response);
  const detail = body.message ? `: ${body.message}` : '';
  if (status === 401 || status === 403) {
    return protocolRejection(PROTOCOL_FAILURE.unauthorized, `Il servizio di protocollo ha rifiutato le credenziali della piattaforma (HTTP ${status}) durante ${operation}.`);
  }
  if (status === 408 || status === 429 || status >= 500) {
    return protocolUnavailable(PROTOCOL_FAILURE.unavailable, `Servizio di protocollo non disponibile (HTTP ${status}) durante ${operation}${detail}`);
  }
  return protocolRejection(body.code ?? PROTOCOL_FAILURE.rejected, body.message ?? `Il servizio di protocollo ha rifiutato ${operation} (HTTP ${status}).`);
}

/**
 * The protocol register of a remote protocol service, over its HTTP API (see protocol-http-server.ts):
 * Basic auth, JSON, registration idempotent by the Idempotency-Key header.
 *
 * Settings: `baseUrl`, `username`, `password`, `timeoutMs`.
 */
export function createRemoteProtocolRegister(settings: RemoteProtocolRegisterSettings): ProtocolRegister {
  const base = new URL(settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`);
  const authorization = `Basic ${Buffer.from(`${settings.username}:${settings.password}`, 'utf8').toString('base64')}`;

  async function post(path: string, body: unknown, operation: string, headers: Record<string, string> = {}): Promise<Registration> {
    const unreachable = (error: unknown) =>
      protocolUnavailable(PROTOCOL_FAILURE.unreachable, `Servizio di protocollo non raggiungibile durante ${operation}: ${(error as Error).message}`, error as Error);
    let text: string;
    try {
      const response = await fetch(new URL(path, base), {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (!response.ok) throw await failureOf(response, operation);
      text = await response.text();
    } catch (error) {
      if (error instanceof ApplicationFailure) throw error;
      throw unreachable(error);
    }
    const invalidResponse = (problem: string) =>
      protocolRejection(PROTOCOL_FAILURE.invalidResponse, `Il servizio di protocollo ha risposto a ${operation} con dati non validi: ${problem}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw invalidResponse((error as Error).message);
    }
    const parsed = RegistrationSchema.safeParse(json);
    if (!parsed.success) throw invalidResponse(parsed.error.message);
    return parsed.data;
  }

  return {
    async register(request: RegistrationRequest) {
      const { idempotencyKey, ...body } = request;
      // An HTTP header carries visible ASCII only; a key outside it would fail at every retry.
      if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
        throw protocolRejection(PROTOCOL_FAILURE.invalidRequest, 'La chiave di idempotenza deve essere di caratteri ASCII visibili, al massimo 255.');
      }
      return post('registrazioni', body, 'la registrazione', { 'idempotency-key': idempotencyKey });
    },
    async annul(request: AnnulmentRequest) {
      const { registrationId, ...body } = request;
      return post(`registrazioni/${encodeURIComponent(registrationId)}/annullamento`, body, "l'annullamento");
    },
  };
}
