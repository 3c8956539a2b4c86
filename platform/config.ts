import path from 'node:path';
import { z } from 'zod';

/** The project's git-ignored folders: data (database, Temporal's SQLite, secrets) and tools (binaries). */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

const optionalUrl = z.string().url().optional();
const port = z.coerce.number().int().min(1).max(65535);

const ConfigSchema = z.object({
  PORT: port.default(3000),
  PUBLIC_URL: optionalUrl,
  PUSH_DATA_DIR: z.string().default(path.join(PROJECT_ROOT, '.data')),
  PUSH_TOOLS_DIR: z.string().default(path.join(PROJECT_ROOT, '.tools')),
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('push-procedures'),
  TEMPORAL_CLI: z.string().optional(),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalUrl,
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  IDP_PORT: port.default(3001),
  SESSION_SECRET: z.string().min(32).optional(),
  TRUST_PROXY: z.string().optional(),
  PROTOCOL_AOO: z.string().min(1).default('AOO_PUSH'),
  PROTOCOL_REGISTER: z.string().min(1).default('PG'),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Reads and validates the environment once; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const config = parsed.data;
  if (config.OIDC_ISSUER && !(config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET)) {
    throw new Error('Invalid configuration: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.');
  }
  return config;
}

export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}
