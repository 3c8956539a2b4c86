#!/usr/bin/env node
// A Prisma generator that saves the schema's full DMMF (models, fields, types, nullability) as JSON.
// Prisma 7's client keeps only a runtime subset; the drift test needs the whole model to prove the SQL
// migrations match schema.prisma. Generators speak JSON-RPC: requests on stdin, answers on stderr.
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const answer = (id, result) => process.stderr.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  if (request.method === 'getManifest') {
    answer(request.id, { manifest: { prettyName: 'DMMF snapshot', defaultOutput: './generated/dmmf.json' } });
  } else if (request.method === 'generate') {
    const output = request.params.generator.output.value;
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, JSON.stringify(request.params.dmmf.datamodel, null, 1));
    answer(request.id, null);
  }
});
