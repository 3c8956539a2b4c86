// /api/docs: the OpenAPI document as a page a person reads — by group, each operation with its parameters,
// its body's fields and what it answers — served by the API itself, no script and no external resource.
import { openApiDocument } from './document';

const escape = (text: unknown) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Schema = { type?: unknown; enum?: unknown[]; format?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; description?: string; maxLength?: number; minimum?: number; maximum?: number };

const TYPE_NAMES: Record<string, string> = { string: 'testo', integer: 'intero', number: 'numero', boolean: 'sì/no', object: 'oggetto', array: 'elenco', null: 'nullo' };

function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'qualsiasi';
  if (schema.enum) return `uno tra ${schema.enum.map((value) => String(value)).join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' oppure ');
  if (schema.type === 'array') return `elenco di ${typeOf(schema.items)}`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const name = types.map((type) => TYPE_NAMES[String(type)] ?? String(type)).join(' o ') || 'qualsiasi';
  return schema.format === 'uuid' ? `${name} (identificativo)` : schema.format === 'date' ? `${name} (AAAA-MM-GG)` : name;
}

function fieldRows(schema: Schema | undefined): string {
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return '';
  const rows = properties.map(([name, property]) => `<tr><td><code>${escape(name)}</code></td><td>${escape(typeOf(property))}</td><td>${(schema?.required ?? []).includes(name) ? 'sì' : 'no'}</td></tr>`);
  return `<table><thead><tr><th>Campo</th><th>Tipo</th><th>Obbligatorio</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function openApiPage(): string {
  const document = openApiDocument();
  const sections = document.tags.map(({ name }) => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { tags: string[]; summary: string; parameters: { name: string; in: string; required: boolean; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string }>; security: unknown[] }>)
        .filter(([, operation]) => operation.tags.includes(name))
        .map(([method, operation]) => {
          const parameters = operation.parameters.length
            ? `<h4>Parametri</h4><table><thead><tr><th>Nome</th><th>Dove</th><th>Tipo</th><th>Obbligatorio</th></tr></thead><tbody>${operation.parameters
              .map((parameter) => `<tr><td><code>${escape(parameter.name)}</code></td><td>${parameter.in === 'path' ? 'percorso' : 'query'}</td><td>${escape(typeOf(parameter.schema))}</td><td>${parameter.required ? 'sì' : 'no'}</td></tr>`)
              .join('')}</tbody></table>`
            : '';
          const body = operation.requestBody
            ? Object.entries(operation.requestBody.content).map(([type, content]) => `<h4>Corpo (${escape(type)})</h4>${fieldRows(content.schema) || '<p>Nessun campo.</p>'}`).join('')
            : '';
          const answers = Object.entries(operation.responses).map(([status, response]) => `<li><strong>${escape(status)}</strong> ${escape(response.description ?? 'Errore, con il motivo in italiano')}</li>`).join('');
          return `<article id="${escape(`${method}-${path}`)}"><h3><span class="metodo">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3><p>${escape(operation.summary)}${operation.security.length ? '' : ' <em>(senza accesso)</em>'}</p>${parameters}${body}<h4>Risposte</h4><ul>${answers}</ul></article>`;
        }));
    return `<section><h2>${escape(name)}</h2>${operations.join('')}</section>`;
  });
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API di PUSH</title><style>
body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem 1.5rem;color:#1a1a1a;line-height:1.45}
h1{color:#0b4f9e}h2{border-bottom:2px solid #0b4f9e;padding-bottom:.2rem;margin-top:2.5rem}
article{border:1px solid #c8d3e0;border-radius:6px;padding:.5rem 1rem;margin:1rem 0;background:#fafcff}
h3{font-size:1.05rem;margin:.4rem 0}h4{margin:.8rem 0 .3rem;font-size:.95rem}
.metodo{display:inline-block;min-width:4.5rem;background:#0b4f9e;color:#fff;border-radius:4px;padding:0 .4rem;text-align:center;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #c8d3e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#e8eef6}code{font-size:.9rem;word-break:break-all}a{color:#0b4f9e}
</style></head><body><main><h1>API di PUSH – Puglia Social Housing</h1><p>${escape(document.info.description)} Il documento macchina (OpenAPI ${escape(document.openapi)}) è su <a href="/api/openapi.json">/api/openapi.json</a>. Le operazioni che richiedono l’accesso usano la sessione aperta con <code>/auth/login</code>; quelle che scrivono anche il token CSRF di <code>/api/me</code> nell’intestazione <code>X-CSRF-Token</code>.</p>
<nav aria-label="Gruppi"><ul>${document.tags.map(({ name }) => `<li>${escape(name)}</li>`).join('')}</ul></nav>${sections.join('')}</main></body></html>`;
}
