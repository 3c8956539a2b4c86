// The OpenAPI 3.1 document of the API, generated from OPERATIONS and their zod schemas (JSON Schema
// 2020-12, the dialect OpenAPI 3.1 uses), and the same document as a page people can read (/api/docs).
import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; description?: string; type?: unknown };

function jsonSchema(schema: z.ZodType): JsonSchema {
  // Transforms and preprocessing (a query's "true" read as a boolean) have no JSON Schema: their input is any.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** /tasks/:id → /api/tasks/{id} */
export const openApiPath = (operation: Pick<Operation, 'path' | 'root'>) =>
  `${operation.root ? '' : '/api'}${operation.path.replace(/:(\w+)/g, '{$1}')}`;

function parameters(operation: Operation) {
  const list: object[] = [];
  for (const [location, schema] of [['path', operation.params], ['query', operation.query]] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema);
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      list.push({ name, in: location, required: location === 'path' || (object.required ?? []).includes(name), schema: property, ...(property.description ? { description: property.description } : {}) });
    }
  }
  return list;
}

function requestBody(operation: Operation) {
  if (operation.files) {
    const fields = operation.body ? jsonSchema(operation.body) : { type: 'object', properties: {} };
    const files = Object.fromEntries(operation.files.map((name) => [name, { type: 'string', contentMediaType: 'application/octet-stream' }]));
    return { required: true, content: { 'multipart/form-data': { schema: { ...fields, properties: { ...fields.properties, ...files } } } } };
  }
  if (!operation.body) return undefined;
  return { required: true, content: { 'application/json': { schema: jsonSchema(operation.body) } } };
}

const STATUS_TEXT: Record<number, string> = { 200: 'Fatto', 201: 'Creato', 202: 'Accettato: prosegue in background', 302: 'Reindirizzamento' };

function responses(operation: Operation) {
  const status = operation.status ?? 200;
  const content = operation.produces
    ? { [operation.produces]: { schema: { type: 'string', contentMediaType: operation.produces } } }
    : status === 302 ? undefined : { 'application/json': { schema: {} } };
  return {
    [String(status)]: { description: STATUS_TEXT[status]!, ...(content ? { content } : {}) },
    '4XX': { $ref: '#/components/responses/Errore' },
    '500': { $ref: '#/components/responses/Errore' },
  };
}

export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, object>> = {};
  for (const operation of OPERATIONS) {
    const requestBodyOf = requestBody(operation);
    (paths[openApiPath(operation)] ??= {})[operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      operationId: `${operation.method}${openApiPath(operation).replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
      parameters: parameters(operation),
      ...(requestBodyOf ? { requestBody: requestBodyOf } : {}),
      responses: responses(operation),
      security: operation.public ? [] : [{ sessione: [], csrf: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'PUSH – Puglia Social Housing',
      version: '0.1.0',
      description: 'Le API della piattaforma: attività, procedure, patrimonio, comunicazioni. Ogni errore risponde con un codice e un messaggio in italiano che nomina il campo.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        sessione: { type: 'apiKey', in: 'cookie', name: 'push.sid', description: 'La sessione aperta con /auth/login.' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Il token di /api/me, per ogni richiesta che scrive.' },
      },
      schemas: {
        Errore: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'Per i programmi, es. DATI_NON_VALIDI.' },
                message: { type: 'string', description: 'Per le persone, in italiano.' },
                field: { type: 'string', description: 'Il campo in errore.' },
                dettagli: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
      responses: {
        Errore: { description: 'Richiesta rifiutata, con il motivo', content: { 'application/json': { schema: { $ref: '#/components/schemas/Errore' } } } },
      },
    },
  };
}
