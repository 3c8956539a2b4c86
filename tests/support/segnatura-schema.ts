// The independent check of a segnatura: xmllint against AgID's schema in ../shared/standards.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../platform/config';

export const SEGNATURA_XSD = path.join(PROJECT_ROOT, '..', 'shared', 'standards', 'agid-protocollo', 'segnatura_protocollo.xsd');

/** The command the tests run, as the README documents it: local files only (--nonet), never --noent. */
export const XMLLINT_ARGS = ['--noout', '--nonet', '--schema', SEGNATURA_XSD];

/** Validates a segnatura with xmllint against the AgID schema; `output` is what xmllint printed. */
export async function validateWithXmllint(xml: string): Promise<{ valid: boolean; output: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'segnatura-'));
  const file = path.join(dir, 'segnatura.xml');
  try {
    await writeFile(file, xml);
    const { stdout, stderr } = await promisify(execFile)('xmllint', [...XMLLINT_ARGS, file]);
    return { valid: true, output: `${stdout}${stderr}`.trim() };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error; // xmllint did not run at all
    return { valid: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

