import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDatabaseProtocolRegister } from '../../../activities/protocol/database-protocol-register';
import type { ProtocolRegister, Registration } from '../../../activities/protocol/protocol-register';
import { verifySegnatura } from '../../../activities/protocol/segnatura-signature';
import { createDb, type Db } from '../../../prisma/client';
import { request, sha256Base64, threeDocuments, validateWithXmllint, values } from './support';

const SIGNED_PROPERTIES = 'http://uri.etsi.org/01903#SignedProperties';

describe('segnatura of a protocol registration', () => {
  let db: Db;
  let keyDir: string;
  let register: ProtocolRegister;
  const aoo = `AOO_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = createDb(process.env.DATABASE_URL!);
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'protocol-keys-'));
    register = createDatabaseProtocolRegister(db, { aoo, register: 'PG', keyDir, titolario: { '7.3.2': 'Edilizia residenziale pubblica – contributi' } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await rm(keyDir, { recursive: true, force: true });
  });

  describe.each([
    { direction: 'ENTRATA' as const, mittente: 'PersonaGiuridica', destinatario: 'Amministrazione' },
    { direction: 'USCITA' as const, mittente: 'Amministrazione', destinatario: 'PersonaGiuridica' },
  ])('in $direction with a primary document and two attachments', ({ direction, mittente, destinatario }) => {
    const documents = threeDocuments();
    const same = request({ direction, documenti: documents.documenti, classifica: '7.3.2', fascicolo: { codice: '2026/12', denominazione: 'Bando locazione 2026' } });
    let registration: Registration;
    let segnatura: string;
    beforeAll(async () => {
      registration = await register.register(same);
      segnatura = registration.segnatura!;
    });

    it('when validated with xmllint against segnatura_protocollo.xsd, then it validates', async () => {
      const result = await validateWithXmllint(segnatura);
      expect(result.output).toMatch(/ validates$/);
      expect(result.valid).toBe(true);
    });

    it('when read, then its Intestazione identifies the registration and the Mittente/Destinatario follow the direction', () => {
      expect(values(segnatura, '/prot:SegnaturaInformatica/@prot:versione')).toEqual(['3.0.0']);
      expect(values(segnatura, '//prot:Identificatore/prot:CodiceAmministrazione')).toEqual(['r_puglia']);
      expect(values(segnatura, '//prot:Identificatore/prot:CodiceAOO')).toEqual([aoo]);
      expect(values(segnatura, '//prot:Identificatore/prot:CodiceRegistro')).toEqual(['PG']);
      expect(values(segnatura, '//prot:Identificatore/prot:NumeroRegistrazione')).toEqual([String(registration.number).padStart(7, '0')]);
      expect(values(segnatura, '//prot:Intestazione/prot:Oggetto')).toEqual([same.oggetto]);
      expect(values(segnatura, '//prot:Classifica/prot:CodiceFlat')).toEqual(['7.3.2']);
      expect(values(segnatura, '//prot:Classifica/prot:Denominazione')).toEqual(['Edilizia residenziale pubblica – contributi']);
      expect(values(segnatura, '//prot:Fascicolo/prot:CodiceFascicolo')).toEqual(['2026/12']);
      expect(values(segnatura, `//prot:Mittente/prot:${mittente}`)).toHaveLength(1);
      expect(values(segnatura, `//prot:Destinatario/prot:${destinatario}`)).toHaveLength(1);
    });

    it('when its Impronte are read, then they are the SHA-256 of the documents, in base64, with algoritmo SHA-256', () => {
      expect(values(segnatura, '//prot:DocumentoPrimario/prot:Impronta')).toEqual([sha256Base64(documents.primario.bytes)]);
      expect(values(segnatura, '//prot:Allegato/prot:Impronta')).toEqual(documents.allegati.map((allegato) => sha256Base64(allegato.bytes)));
      expect(values(segnatura, '//prot:Impronta/@prot:algoritmo')).toEqual(['SHA-256', 'SHA-256', 'SHA-256']);
      expect(values(segnatura, '//prot:Allegato/@prot:nomeFile')).toEqual(['planimetria.png', 'documento-identita.pdf']);
    });

    it('when its signature is checked, then it verifies, and it is XAdES: enveloped, exc-c14n, RSA-SHA256, SignedProperties referenced', () => {
      expect(verifySegnatura(segnatura)).toMatchObject({ valid: true, signingTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
      expect(values(segnatura, '//ds:SignedInfo/ds:SignatureMethod/@Algorithm')).toEqual(['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256']);
      expect(values(segnatura, '//ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm')).toEqual(['http://www.w3.org/2001/10/xml-exc-c14n#']);
      expect(values(segnatura, "//ds:Reference[@URI='']/ds:Transforms/ds:Transform/@Algorithm")).toContain('http://www.w3.org/2000/09/xmldsig#enveloped-signature');
      const [propertiesUri] = values(segnatura, `//ds:Reference[@Type='${SIGNED_PROPERTIES}']/@URI`);
      expect(values(segnatura, '//xades:SignedProperties/@Id').map((id) => `#${id}`)).toEqual([propertiesUri]);
      expect(values(segnatura, '//xades:SigningCertificateV2/xades:Cert/xades:CertDigest/ds:DigestValue')).toHaveLength(1);
    });

    it('when one character of the Oggetto is changed, then the signature no longer verifies', () => {
      const tampered = segnatura.replace(`<prot:Oggetto>${same.oggetto}`, `<prot:Oggetto>${same.oggetto.replace('Domanda', 'Domande')}`);
      expect(tampered).not.toBe(segnatura);
      expect(verifySegnatura(tampered)).toMatchObject({ valid: false, problem: expect.stringContaining('riferimento firmato non corrisponde') });
    });

    it('when the same key is registered again, then the number and the segnatura are byte-identical, and stored with the documents', async () => {
      const retry = await register.register(same);
      expect(retry.number).toBe(registration.number);
      expect(Buffer.from(retry.segnatura!).equals(Buffer.from(segnatura))).toBe(true);
      const row = await db.protocolRegistration.findUniqueOrThrow({ where: { id: registration.id }, include: { documents: true } });
      expect(row.segnatura).toBe(segnatura);
      expect(row.documents.map(({ ruolo, nome, sha256, documentId }) => ({ ruolo, nome, sha256, documentId })).sort((a, b) => a.nome.localeCompare(b.nome))).toEqual(
        [
          { ruolo: 'PRIMARIO', ...documents.primario.ref },
          ...documents.allegati.map((allegato) => ({ ruolo: 'ALLEGATO', ...allegato.ref })),
        ].sort((a, b) => a.nome.localeCompare(b.nome)),
      );
    });
  });

  it('when a segnatura is checked against another certificate than the AOO’s, then it is refused', async () => {
    const other = createDatabaseProtocolRegister(db, { aoo: `AOO_${randomUUID().slice(0, 8)}`, register: 'PG', keyDir });
    const mine = await register.register(request({ documenti: threeDocuments().documenti }));
    const theirs = await other.register(request({ documenti: threeDocuments().documenti }));
    const theirCertificate = verifySegnatura(theirs.segnatura!);
    if (!theirCertificate.valid) throw new Error(theirCertificate.problem);
    expect(verifySegnatura(mine.segnatura!, { certificatePem: theirCertificate.certificatePem })).toMatchObject({ valid: false });
    expect(verifySegnatura(theirs.segnatura!, { certificatePem: theirCertificate.certificatePem })).toMatchObject({ valid: true });
  });

  it('when the correspondent is a person with a codice fiscale and the text needs escaping, then the segnatura still validates and verifies', async () => {
    const registration = await register.register(
      request({
        oggetto: 'Richiesta <urgente> & "riservata" – àèìòù',
        corrispondente: 'Mario Rossi',
        soggettoCorrispondente: { tipo: 'PERSONA_FISICA', nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01A662X' },
        documenti: threeDocuments().documenti,
      }),
    );
    expect((await validateWithXmllint(registration.segnatura!)).valid).toBe(true);
    expect(values(registration.segnatura!, '//prot:Intestazione/prot:Oggetto')).toEqual(['Richiesta <urgente> & "riservata" – àèìòù']);
    expect(verifySegnatura(registration.segnatura!).valid).toBe(true);
  });

  it('when a segnatura carries a DOCTYPE, then verification refuses it without resolving anything', () => {
    expect(verifySegnatura('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')).toMatchObject({ valid: false });
  });
});
