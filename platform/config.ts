import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../activities/documents/document-store';

/** The project's git-ignored folders: data (database, Temporal's SQLite, secrets) and tools (binaries). */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

const optionalUrl = z.string().url().optional();
const port = z.coerce.number().int().min(1).max(65535);

/** OpenStreetMap's standard tiles: fine for a demo; a production deployment names its own tile server. */
export const OSM_TILES_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Leaflet's tile URL template; empty means no background tiles (the map shows its markers on a plain background). */
const tilesUrl = z
  .string()
  .trim()
  .refine(
    (value) => value === '' || (/^https?:\/\//.test(value) && ['{z}', '{x}', '{y}'].every((part) => value.includes(part))),
    'must be empty or an http(s) URL template with {z}, {x} and {y}',
  );

const flag = (fallback: 'true' | 'false') => z.enum(['true', 'false']).default(fallback).transform((value) => value === 'true');

const ConfigSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: port.default(3000),
  // The loopback, like every embedded service: a deployment behind a proxy or in a container names its interface.
  HOST: z.string().min(1).default('127.0.0.1'),
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
  PUSH_ALLOW_LOCAL_IDP: flag('false'),
  SESSION_SECRET: z.string().min(32).optional(),
  TRUST_PROXY: z.string().optional(),
  PROTOCOL_ADAPTER: z.enum(['database', 'remote']).default('database'),
  PROTOCOL_AOO: z.string().min(1).default('AOO_PUSH'),
  PROTOCOL_REGISTER: z.string().min(1).default('PG'),
  PROTOCOL_KEY_DIR: z.string().optional(),
  PROTOCOL_REMOTE_URL: optionalUrl,
  PROTOCOL_REMOTE_USERNAME: z.string().optional(),
  PROTOCOL_REMOTE_PASSWORD: z.string().optional(),
  PROTOCOL_REMOTE_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  DOCUMENTS_DIR: z.string().optional(),
  DOCUMENTS_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_MAX_DOCUMENT_BYTES),
  FLUSSI_MAX_ATTEMPTS: z.coerce.number().int().positive().default(50),
  FLUSSI_MAX_TOTAL_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024 * 1024),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  PDF_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  SIGNATURE_KEY_STORE_DIR: z.string().optional(),
  PEC_FROM: z.string().email().default('politiche.abitative@pec.regione.puglia.example'),
  PEC_SMTP_HOST: z.string().optional(),
  PEC_SMTP_PORT: port.default(465),
  PEC_SMTP_SECURE: flag('true'),
  PEC_SMTP_USER: z.string().optional(),
  PEC_SMTP_PASSWORD: z.string().optional(),
  PEC_LOCAL_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  PEC_LOCAL_DIR: z.string().optional(),
  PEC_IMAP_HOST: z.string().optional(),
  PEC_IMAP_PORT: port.default(993),
  PEC_IMAP_SECURE: flag('true'),
  PEC_IMAP_USER: z.string().optional(),
  PEC_IMAP_PASSWORD: z.string().optional(),
  PEC_IMAP_MAILBOX: z.string().default('INBOX'),
  MAIL_FROM: z.string().min(3).default('PUSH – Regione Puglia <noreply@push.regione.puglia.example>'),
  MAIL_SMTP_HOST: z.string().optional(),
  MAIL_SMTP_PORT: port.default(587),
  MAIL_SMTP_SECURE: flag('false'),
  MAIL_SMTP_USER: z.string().optional(),
  MAIL_SMTP_PASSWORD: z.string().optional(),
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8025),
  MAIL_CATCHER_DIR: z.string().optional(),
  /** The hour (0–23, in Italy) of the morning digest of tasks. */
  TASK_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  PUSH_MAP_TILES_URL: tilesUrl.default(OSM_TILES_URL),
  PUSH_MAP_TILES_ATTRIBUTION: z.string().default(OSM_ATTRIBUTION),
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
  if (config.PROTOCOL_ADAPTER === 'remote' && !(config.PROTOCOL_REMOTE_URL && config.PROTOCOL_REMOTE_USERNAME && config.PROTOCOL_REMOTE_PASSWORD)) {
    throw new Error('Invalid configuration: PROTOCOL_ADAPTER=remote needs PROTOCOL_REMOTE_URL, PROTOCOL_REMOTE_USERNAME and PROTOCOL_REMOTE_PASSWORD.');
  }
  if (config.PEC_IMAP_HOST && !(config.PEC_IMAP_USER && config.PEC_IMAP_PASSWORD)) {
    throw new Error('Invalid configuration: PEC_IMAP_HOST needs PEC_IMAP_USER and PEC_IMAP_PASSWORD too.');
  }
  if (!config.OIDC_ISSUER && looksLikeProduction(config) && !config.PUSH_ALLOW_LOCAL_IDP) {
    throw new Error(
      'Invalid configuration: with an https PUBLIC_URL or NODE_ENV=production the local identity provider, which lets anyone ' +
        'sign in as anyone, is refused. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for the real SPID/CIE broker, ' +
        'or PUSH_ALLOW_LOCAL_IDP=true for a public demo.',
    );
  }
  return config;
}

/** A deployment people reach for real: served over https or started as production. */
const looksLikeProduction = (config: Config) => config.NODE_ENV === 'production' || Boolean(config.PUBLIC_URL?.startsWith('https:'));

/** Said at every start with the local identity provider, so nobody mistakes a demo for a protected platform. */
export const LOCAL_IDP_WARNING =
  'WARNING: the local test identity provider lets anyone sign in as anyone, the administrator included. ' +
  'It is for demos and tests: in production set OIDC_ISSUER to the SPID/CIE broker.';

export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

/** Where uploads wait while they are received, and what one transmission of an ente may upload in all. */
export function uploadSettings(config: Config) {
  return {
    tempDir: path.join(config.PUSH_DATA_DIR, 'uploads'),
    quota: { maxAttempts: config.FLUSSI_MAX_ATTEMPTS, maxBytes: config.FLUSSI_MAX_TOTAL_BYTES },
  };
}

/** What the map page needs of the configuration (GET /api/config). */
export function mapConfig(config: Config): { tilesUrl: string | null; attribution: string } {
  return { tilesUrl: config.PUSH_MAP_TILES_URL || null, attribution: config.PUSH_MAP_TILES_ATTRIBUTION };
}
