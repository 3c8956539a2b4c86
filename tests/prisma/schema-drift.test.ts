// The SQL migrations and schema.prisma must never drift: every model and field of the generated
// client's data model exists in the migrated database with the right type and nullability.
import { Client } from 'pg';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface DmmfField { name: string; dbName: string | null; kind: string; type: string; isList: boolean; isRequired: boolean; nativeType?: [string, string[]] | null }
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface Dmmf { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] }

// Written by prisma/dmmf-generator.js at `prisma generate`, beside the client.
const dmmf = JSON.parse(readFileSync(path.join(__dirname, '../../prisma/generated/dmmf.json'), 'utf8')) as Dmmf;

const SCALAR_TO_UDT: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Bytes: 'bytea',
  Decimal: 'numeric',
};

/** Native types (`@db.X`) that change the column's type. */
const NATIVE_TO_UDT: Record<string, string> = { Date: 'date', Timestamptz: 'timestamptz', Text: 'text', Uuid: 'uuid' };

interface Column {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
}

describe('migrated database', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  let columns: Map<string, Column>;

  beforeAll(async () => {
    await client.connect();
    const result = await client.query<Column>(
      `SELECT table_name, column_name, udt_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    columns = new Map(result.rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));
  });
  afterAll(() => client.end());

  const models = dmmf.models;
  const enums = new Set(dmmf.enums.map((e) => e.name));

  it('when the generated client is read, then it has models to check', () => {
    expect(models.length).toBeGreaterThan(5);
  });

  for (const model of models) {
    for (const field of model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum')) {
      it(`when ${model.name}.${field.name} is looked up, then its column has the schema's type and nullability`, () => {
        const column = columns.get(`${model.dbName ?? model.name}.${field.dbName ?? field.name}`);
        expect(column).toBeDefined();
        const expectedUdt = enums.has(field.type) ? field.type : (NATIVE_TO_UDT[field.nativeType?.[0] ?? ''] ?? SCALAR_TO_UDT[field.type]);
        expect(column!.udt_name.replace(/^_/, '')).toBe(expectedUdt);
        expect(column!.data_type === 'ARRAY').toBe(field.isList);
        expect(column!.is_nullable === 'NO').toBe(field.isRequired || field.isList);
      });
    }
  }

  it('when the tables are listed, then there is none the schema does not know', () => {
    const tables = new Set([...columns.values()].map((column) => column.table_name));
    tables.delete('_prisma_migrations');
    expect([...tables].sort()).toEqual(models.map((model) => model.dbName ?? model.name).sort());
  });

  it('when the enums are read, then each enum of the schema exists with the same values', async () => {
    for (const schemaEnum of dmmf.enums) {
      const result = await client.query<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [schemaEnum.name],
      );
      expect(result.rows.map((row) => row.enumlabel)).toEqual(schemaEnum.values.map((value) => value.name));
    }
  });
});
