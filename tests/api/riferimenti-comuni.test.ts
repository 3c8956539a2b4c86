// The Comuni's reference data the rent-support calls read (ATA, population), through the API: the Region's
// administrator lists them filtered and changes a Comune, the change audited with what it was; an unchanged
// save writes nothing; anyone else is refused; bad input is named at its field and changes nothing.
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import type { ComuneRiferimento } from '../../api/admin/riferimenti-comuni';
import { startTestServer, type TestServer } from '../support/api-server';
import { demoCf } from '../support/demo';
import { signIn, type ApiSession } from '../support/sign-in';

interface ApiError { error: { code: string; message: string; field?: string } }

/** The smallest Comune of Puglia, which no other test file touches: the one this file changes. */
const CELLE_DI_SAN_VITO = '071019';

describe('the Comuni\'s reference data', () => {
  let server: TestServer;
  let admin: ApiSession;
  let bari: ApiSession;
  let changed: { id: string; ata: boolean; abitanti: number | null } | null = null;

  beforeAll(async () => {
    server = await startTestServer();
    [admin, bari] = await Promise.all([signIn(server.baseUrl, demoCf('regione.amministratore')), signIn(server.baseUrl, demoCf('bari.rappresentante'))]);
  });
  afterAll(async () => {
    // The database is the run's: the Comune goes back as it was.
    if (changed) await server.platform.db.ente.update({ where: { id: changed.id }, data: { ata: changed.ata, abitanti: changed.abitanti } });
    await server.close();
  });

  const put = (session: ApiSession, id: string, body: unknown) =>
    session.json<ComuneRiferimento & ApiError>(`/api/admin/comuni/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('when the administrator lists the Comuni, then the provincial capitals are ATA and the filters narrow the list', async () => {
    const ata = await admin.json<{ items: ComuneRiferimento[]; province: string[] }>('/api/admin/comuni?ata=si');
    expect(ata.status).toBe(200);
    expect(ata.body.items.map((comune) => comune.denominazione)).toEqual(expect.arrayContaining(['Comune di Bari', 'Comune di Lecce', 'Comune di Foggia']));
    expect(ata.body.items.every((comune) => comune.ata)).toBe(true);
    expect(ata.body.province).toContain('Bari');
    const foggia = await admin.json<{ items: ComuneRiferimento[] }>('/api/admin/comuni?provincia=Foggia&ata=no');
    expect(foggia.body.items.length).toBeGreaterThan(10);
    expect(foggia.body.items.every((comune) => comune.provincia === 'Foggia' && !comune.ata)).toBe(true);
    expect(foggia.body.items.map((comune) => comune.denominazione)).not.toContain('Comune di Foggia');
    for (const q of ['celle di', CELLE_DI_SAN_VITO]) {
      const cercato = await admin.json<{ items: ComuneRiferimento[] }>(`/api/admin/comuni?q=${encodeURIComponent(q)}`);
      expect(cercato.body.items.map((comune) => [comune.denominazione, comune.codice, comune.ata])).toEqual([['Comune di Celle di San Vito', CELLE_DI_SAN_VITO, false]]);
    }
  });

  it('when the administrator makes a Comune ATA with its population, then it is saved and audited once, and a save that changes nothing writes nothing', async () => {
    const comune = (await admin.json<{ items: ComuneRiferimento[] }>(`/api/admin/comuni?q=${CELLE_DI_SAN_VITO}`)).body.items[0]!;
    changed = { id: comune.id, ata: comune.ata, abitanti: comune.abitanti };
    const saved = await put(admin, comune.id, { ata: true, abitanti: 180 });
    expect([saved.status, saved.body.ata, saved.body.abitanti]).toEqual([200, true, 180]);
    expect(await server.platform.db.ente.findUniqueOrThrow({ where: { id: comune.id }, select: { ata: true, abitanti: true } })).toEqual({ ata: true, abitanti: 180 });
    const audited = () => server.platform.db.auditEvent.findMany({ where: { azione: 'RIFERIMENTO_COMUNE_MODIFICATO', oggetto: `ente:${comune.id}` } });
    const administrator = await server.platform.db.user.findUniqueOrThrow({ where: { codiceFiscale: demoCf('regione.amministratore') } });
    expect((await audited()).map(({ actorId, enteId, details }) => ({ actorId, enteId, details }))).toEqual([
      { actorId: administrator.id, enteId: comune.id, details: { da: { ata: false, abitanti: comune.abitanti }, a: { ata: true, abitanti: 180 } } },
    ]);
    expect((await put(admin, comune.id, { ata: true, abitanti: 180 })).status).toBe(200);
    expect(await audited()).toHaveLength(1);
  });

  it('when someone else, bad input or an ente that is not a Comune reaches the edit, then it is refused and nothing changes', async () => {
    const bariId = server.platform.ref.demoComuneIds[COMUNE_BARI];
    const before = await server.platform.db.ente.findUniqueOrThrow({ where: { id: bariId }, select: { ata: true, abitanti: true } });
    expect((await put(bari, bariId, { ata: false, abitanti: 1 })).status).toBe(403);
    const negative = await put(admin, bariId, { ata: false, abitanti: -5 });
    expect([negative.status, negative.body.error.field]).toEqual([422, 'abitanti']);
    expect(negative.body.error.message).toMatch(/negativ/);
    const missing = await put(admin, bariId, { abitanti: 5 });
    expect([missing.status, missing.body.error.field]).toEqual([422, 'ata']);
    expect((await put(admin, server.platform.ref.regioneId, { ata: true, abitanti: 1 })).status).toBe(404);
    expect(await server.platform.db.ente.findUniqueOrThrow({ where: { id: bariId }, select: { ata: true, abitanti: true } })).toEqual(before);
  });
});
