// The API's OpenAPI 3.1 document describes every route the app serves, and only those; it holds together
// (every reference resolves, every path parameter is declared, every operation answers); and its page
// lists every operation in Italian.
import { apiRouters } from '../../api/app';
import { OPERATIONS } from '../../api/openapi/operations';
import { startTestServer, type TestServer } from '../support/api-server';

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; responses: Record<string, unknown>; summary: string; operationId: string }>>;
  components: Record<string, Record<string, unknown>>;
};

/** Every route an Express router declares, as "METHOD /path" with {param}s. */
function declaredRoutes(server: TestServer): string[] {
  return apiRouters(server.runtime).flatMap((router) =>
    router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys((layer.route as unknown as { methods: Record<string, boolean> }).methods)
        .map((method) => `${method.toUpperCase()} /api${String(layer.route!.path).replace(/:(\w+)/g, '{$1}')}`)),
  );
}

function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsOf(inner)));
}

describe('OpenAPI document', () => {
  let server: TestServer;
  let document: Document;
  beforeAll(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });
  afterAll(() => server?.close());

  it('is OpenAPI 3.1 and documents every route of the API, and nothing the API does not serve', () => {
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    const declared = declaredRoutes(server);
    expect(declared.length).toBeGreaterThan(40);
    expect(declared.filter((route) => !documented.includes(route))).toEqual([]);
    // Outside the routers: the app's own routes and the sign-in flow, listed in OPERATIONS by hand.
    const outside = new Set(['GET /api/health', 'GET /api/config', 'GET /api/openapi.json', 'GET /api/docs', 'GET /auth/login', 'GET /auth/callback', 'POST /auth/logout', 'GET /api/me']);
    expect(documented.filter((route) => !declared.includes(route) && !outside.has(route))).toEqual([]);
  });

  it('holds together: references resolve, path parameters are declared, every operation has an answer and a unique id', () => {
    for (const ref of refsOf(document)) {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(methods)) {
        expect([`${method} ${path}`, operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name).sort()]).toEqual([`${method} ${path}`, [...inPath].sort()]);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        expect(operation.summary).toMatch(/\p{L}/u);
        ids.add(operation.operationId);
      }
    }
    expect(ids.size).toBe(OPERATIONS.length);
  });

  it('describes bodies and queries from the routes\' own schemas', () => {
    const open = document.paths['/api/ricognizioni']!.post as unknown as { requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } } };
    expect(Object.keys(open.requestBody.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(['dataRiferimento', 'scadenza', 'sollecitiGiorni', 'enteIds']));
    const send = document.paths['/api/comunicazioni']!.post as unknown as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } };
    expect(Object.keys(send.requestBody.content['multipart/form-data']!.schema.properties)).toEqual(expect.arrayContaining(['enteId', 'oggetto', 'testo', 'allegati']));
  });

  it('reads as a page, in Italian, with every operation', async () => {
    const response = await fetch(`${server.baseUrl}/api/docs`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    const page = await response.text();
    expect(page).toContain('<html lang="it">');
    for (const operation of OPERATIONS) expect(page).toContain(operation.summary.replace(/'/g, '&#39;'));
  });
});
