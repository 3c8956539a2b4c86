// Runs the real xmllint against the published schema, the way an ente can check its file: streaming,
// no network, never --noent (which would resolve external entities).
import { execFile } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../../..');
export const SCHEMA = path.join(PROJECT_ROOT, 'docs/flusso/flusso-patrimoniale.xsd');
export const ESEMPIO = path.join(PROJECT_ROOT, 'docs/flusso/esempio.xml');

export interface XmllintResult {
  valid: boolean;
  /** xmllint's messages: one "… validates" or "… fails to validate" line per file, and the errors. */
  output: string;
}

export function validateWithXmllint(files: readonly string[]): Promise<XmllintResult> {
  return new Promise((resolve, reject) => {
    execFile('xmllint', ['--noout', '--nonet', '--stream', '--schema', SCHEMA, ...files], { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      // Exit status 3 or 4 is a validation failure; anything else (xmllint missing, …) is the test's problem.
      if (error && (error as { code?: unknown }).code !== 3 && (error as { code?: unknown }).code !== 4) {
        reject(error);
        return;
      }
      resolve({ valid: !error, output: stderr });
    });
  });
}
