import { ResilientClient } from '../../bench/chaos/client';
import { LoadDriver } from '../../bench/chaos/load';
import { startTestServer, type TestServer } from '../support/api-server';

// The chaos run's load driver goes through the API as people do; when the API changes under it, the run
// fails on every procedure, for reasons that have nothing to do with crashes. Driven once here, with no
// kill, it must take one procedure of each kind to its end.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(() => server?.close());

test('when the chaos load drives an invio generico and an accreditamento without crashes, then both reach their end', async () => {
  const client = new ResilientClient({ baseUrl: server.baseUrl, whenUp: async () => {} });
  const driver = new LoadDriver(client, `test${Date.now()}`);
  await driver.prepare();

  // Numbers no chaos run on this database uses: an even one is an invio generico, an odd one an accreditamento.
  driver.launch(9000, 9002);
  await driver.settled();

  expect(driver.procedures.map(({ kind, finished, abandoned }) => ({ kind, finished, abandoned }))).toEqual([
    { kind: 'invio-generico', finished: true, abandoned: null },
    { kind: 'accreditamento-ente', finished: true, abandoned: null },
  ]);
  // Taken in charge; then istruttoria, integrazione, istruttoria again and the dirigente's signature.
  expect(driver.stats.stepsDone).toBe(5);
  expect(client.stats.gaveUp).toBe(0);
}, 180_000);
