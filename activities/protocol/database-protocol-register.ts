import { randomUUID } from 'node:crypto';
import type { Db } from '../../prisma/client';
import type { ProtocolDocument, ProtocolRegistration } from '../../prisma/generated/client';
import { PROTOCOL_FAILURE, protocolRejection } from './protocol-errors';
import { loadOrCreateProtocolKey, type ProtocolKey } from './protocol-keys';
import { formatProtocolNumber, type AnnulmentRequest, type ProtocolRegister, type Registration, type RegistrationRequest } from './protocol-register';
import { AnnulmentRequestSchema, parseOrReject, RegistrationRequestSchema } from './protocol-schemas';
import { buildSegnatura, romeDateTime, type Soggetto } from './segnatura';
import { signSegnatura } from './segnatura-signature';
import { formatDate } from '../../workflows/shared/dates';

export interface DatabaseProtocolRegisterSettings {
  /** The AOO's IPA code. */
  aoo: string;
  /** The register's code (the XSD allows `[A-Za-z0-9_.-]{1,16}`). */
  register: string;
  /** Folder of the AOO's signing key and certificate, created at first use; needed to register documents. */
  keyDir?: string;
  /** The administration keeping the register; default Regione Puglia, IPA code r_puglia. */
  amministrazione?: { codiceIPA: string; denominazione: string };
  /** Names of the titolario's codes, for the segnatura's Classifica/Denominazione; an unnamed code is written as its own name. */
  titolario?: Record<string, string>;
}

const REGIONE_PUGLIA = { codiceIPA: 'r_puglia', denominazione: 'Regione Puglia' };
/** The segnatura requires a Classifica: a registration without one is filed here until it is classified. */
const UNCLASSIFIED = { codice: '0', denominazione: 'Non classificato' };

function toRegistration(row: ProtocolRegistration): Registration {
  return {
    id: row.id,
    aoo: row.aoo,
    register: row.register,
    year: row.year,
    number: row.number,
    direction: row.direction,
    registeredAt: row.registeredAt.toISOString(),
    segnatura: row.segnatura,
    annullamento:
      row.annullata && row.annullatoAt
        ? { motivo: row.annullamentoMotivo ?? '', at: row.annullatoAt.toISOString(), da: row.annullatoDa ?? '' }
        : null,
  };
}

function documentRows(request: RegistrationRequest): Omit<ProtocolDocument, 'id' | 'registrationId'>[] {
  if (!request.documenti) return [];
  const { primario, allegati } = request.documenti;
  return [
    { ruolo: 'PRIMARIO' as const, nome: primario.nome, sha256: primario.sha256, documentId: primario.documentId ?? null },
    ...allegati.map((allegato) => ({ ruolo: 'ALLEGATO' as const, nome: allegato.nome, sha256: allegato.sha256, documentId: allegato.documentId ?? null })),
  ];
}

/**
 * Registrations queue on the counter's row lock, one at a time: at a call's deadline hundreds wait their
 * turn, each holding a pooled connection. Prisma's defaults (2 s to get one, 5 s to finish) would refuse a
 * turn that is merely late; a wait this long is a register under load, not a fault.
 */
const REGISTRATION_QUEUE = { maxWait: 30_000, timeout: 30_000 };

/**
 * The platform's own protocol register, in PostgreSQL. The number comes from a counter row locked by
 * the increment, and the registration — with its signed segnatura and its documents — is inserted in
 * the same transaction: a failed or duplicate insert rolls the increment back, so numbers stay
 * gapless; the idempotency key is unique, so a retry returns the registration (and the very segnatura)
 * it already made. Annulment keeps the row, so an annulled number is never given again.
 *
 * Settings: see {@link DatabaseProtocolRegisterSettings}.
 */

export function createDatabaseProtocolRegister(db: Db, settings: DatabaseProtocolRegisterSettings): ProtocolRegister {
  const { aoo, register } = settings;
  if (!/^[A-Za-z0-9_.-]{1,16}$/.test(register)) throw new Error(`Protocol register code "${register}" is not a valid CodiceRegistro ([A-Za-z0-9_.-]{1,16}).`);
  const amministrazione = settings.amministrazione ?? REGIONE_PUGLIA;
  let key: Promise<ProtocolKey> | undefined;
  const protocolKey = (): Promise<ProtocolKey> => {
    if (!settings.keyDir) throw new Error('The database protocol register needs keyDir to sign the segnatura of a registration with documents.');
    // One load per register: concurrent first registrations share it; a failed load is tried again next time.
    key ??= loadOrCreateProtocolKey(settings.keyDir, { codiceAmministrazione: amministrazione.codiceIPA, denominazione: amministrazione.denominazione, aoo }).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };

  const existing = async (idempotencyKey: string) => {
    const row = await db.protocolRegistration.findUnique({ where: { idempotencyKey } });
    return row ? toRegistration(row) : undefined;
  };

  const classificaOf = (code: string | undefined) =>
    code === undefined
      ? { codice: UNCLASSIFIED.codice, denominazione: settings.titolario?.[UNCLASSIFIED.codice] ?? UNCLASSIFIED.denominazione }
      : { codice: code, denominazione: settings.titolario?.[code] ?? code };

  const corrispondenteOf = (request: RegistrationRequest): Soggetto =>
    request.soggettoCorrispondente ?? { tipo: 'PERSONA_GIURIDICA', denominazione: request.corrispondente };

  return {
    async register(input: RegistrationRequest): Promise<Registration> {
      const request = parseOrReject(RegistrationRequestSchema, input, 'Richiesta di protocollo');
      const already = await existing(request.idempotencyKey);
      if (already) return already;
      const signingKey = request.documenti ? await protocolKey() : undefined;
      const id = randomUUID();
      const now = new Date();
      const { year } = romeDateTime(now);
      try {
        const row = await db.$transaction(async (tx) => {
          const [counter] = await tx.$queryRaw<{ lastNumber: number }[]>`
            INSERT INTO "ProtocolCounter" ("aoo", "register", "year", "lastNumber") VALUES (${aoo}, ${register}, ${year}, 1)
            ON CONFLICT ("aoo", "register", "year") DO UPDATE SET "lastNumber" = "ProtocolCounter"."lastNumber" + 1
            RETURNING "lastNumber"`;
          const number = counter!.lastNumber;
          // Signed under the counter's lock: the segnatura carries the number, and is stored with it or not at all.
          const segnatura =
            request.documenti && signingKey
              ? signSegnatura(
                  buildSegnatura({
                    amministrazione,
                    aoo,
                    register,
                    number,
                    registeredAt: now,
                    direction: request.direction,
                    oggetto: request.oggetto,
                    classifica: classificaOf(request.classifica),
                    fascicolo: request.fascicolo,
                    corrispondente: corrispondenteOf(request),
                    documenti: request.documenti,
                  }),
                  signingKey,
                  { id, signingTime: now },
                )
              : null;
          return tx.protocolRegistration.create({
            data: {
              id,
              idempotencyKey: request.idempotencyKey,
              aoo,
              register,
              year,
              number,
              direction: request.direction,
              oggetto: request.oggetto,
              corrispondente: request.corrispondente,
              workflowId: request.workflowId,
              registeredAt: now,
              segnatura,
              documents: { create: documentRows(request) },
            },
          });
        }, REGISTRATION_QUEUE);
        return toRegistration(row);
      } catch (error) {
        // A concurrent request with the same key won the race: its registration is ours.
        const raced = await existing(request.idempotencyKey);
        if (raced) return raced;
        throw error;
      }
    },

    async annul(input: AnnulmentRequest): Promise<Registration> {
      const request = parseOrReject(AnnulmentRequestSchema, input, 'Richiesta di annullamento');
      return db.$transaction(async (tx) => {
        // The condition on annullata makes two concurrent annulments meet in the database: one wins.
        const { count } = await tx.protocolRegistration.updateMany({
          where: { id: request.registrationId, aoo, register, annullata: false },
          data: { annullata: true, annullamentoMotivo: request.motivo, annullatoAt: new Date(), annullatoDa: request.actorId },
        });
        const row = await tx.protocolRegistration.findFirst({ where: { id: request.registrationId, aoo, register } });
        if (!row) throw protocolRejection(PROTOCOL_FAILURE.notFound, 'La registrazione di protocollo da annullare non esiste.');
        if (count === 0) {
          throw protocolRejection(
            PROTOCOL_FAILURE.alreadyAnnulled,
            `La registrazione di protocollo n. ${formatProtocolNumber(row)} è già stata annullata il ${formatDate(row.annullatoAt!)}: non si può annullare di nuovo.`,
          );
        }
        await tx.auditEvent.create({
          data: {
            actorId: request.actorId,
            azione: 'PROTOCOLLO_ANNULLATO',
            oggetto: `protocollo:${row.id}`,
            details: { aoo, register, numero: row.number, anno: row.year, motivo: request.motivo, workflowId: row.workflowId },
          },
        });
        return toRegistration(row);
      });
    },
  };
}
