// Phase 2: the published XSD, checked by libxml2's streaming validator (xmllint --stream: constant memory,
// ~0.4 s for the regional stock) in a child process, so it runs on the second core while saxes reads the
// file on the first. Never --noent (it would resolve external entities); --nonet forbids any download.
// A failure of xmllint itself (missing, schema not compiling, killed) is thrown, not blamed on the ente.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REGOLA } from './rules-catalog';
import { translateSchemaError } from './schema-messages';
import type { Problem } from './types';

export const FLUSSO_XSD = path.resolve(__dirname, '../../../docs/flusso/flusso-patrimoniale.xsd');
/** xmllint reads 35 MB in well under a second; minutes mean something is wrong with the machine. */
const TIMEOUT_MS = 5 * 60_000;
/** xmllint's exit code when the document does not validate (XMLLINT_ERR_VALID). */
const EXIT_INVALID = 3;

export interface SchemaRun {
  /** Resolves once xmllint has exited: whether the file is valid; problems went to `onProblem`. */
  done: Promise<{ valid: boolean }>;
  /** Stops xmllint when its answer is no longer needed (phase 1 refused the file); `done` still settles. */
  stop(): void;
}

export interface SchemaOptions {
  schema?: string;
  signal?: AbortSignal;
  onProblem: (problem: Problem) => void;
}

export function startSchemaValidation(file: string, options: SchemaOptions): SchemaRun {
  const schema = options.schema ?? FLUSSO_XSD;
  const child = spawn('xmllint', ['--noout', '--nonet', '--stream', '--schema', schema, file], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    signal: options.signal,
    // English messages, which translateSchemaError understands.
    env: { ...process.env, LC_ALL: 'C' },
  });
  let stopped = false;
  let problems = 0;
  const unknownLines: string[] = [];
  const prefix = `${file}:`;

  const lines = createInterface({ input: child.stderr, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const problem = line.startsWith(prefix) ? parseLine(line.slice(prefix.length)) : null;
    if (problem) {
      problems += 1;
      options.onProblem(problem);
    } else if (unknownLines.length < 20) {
      unknownLines.push(line);
    }
  });

  const done = new Promise<{ valid: boolean }>((resolve, reject) => {
    child.on('error', (error) => {
      if (stopped) resolve({ valid: false });
      else if (options.signal?.aborted) reject(options.signal.reason);
      else reject(new Error(`Impossibile eseguire xmllint per la validazione dello schema: ${error.message}`, { cause: error }));
    });
    // 'close' (not 'exit'): by then every stderr line has been read.
    child.on('close', (code, signal) => {
      if (stopped) return resolve({ valid: false });
      if (code === 0) return resolve({ valid: true });
      // An invalid document, or one libxml2 found malformed after saxes accepted it: both are the ente's to fix.
      if ((code === EXIT_INVALID || code === 1) && problems > 0) return resolve({ valid: false });
      const reason = signal ? `interrotto da ${signal} (limite ${TIMEOUT_MS / 1000} s)` : `uscito con codice ${code}`;
      reject(new Error(`xmllint ${reason} senza un esito di validazione per ${file} con lo schema ${schema}: ${unknownLines.join(' | ')}`));
    });
  });

  return {
    done,
    stop() {
      stopped = true;
      child.kill('SIGKILL');
    },
  };
}

/** `123: element X: Schemas validity error : Element …` (the `element X:` part only without --stream). */
function parseLine(rest: string): Problem | null {
  const located = /^(\d+): (?:element [^:]+: )?(Schemas validity error|parser error) : (.*)$/.exec(rest);
  if (!located) return null;
  const riga = Number(located[1]);
  const detail = located[3] as string;
  if (located[2] === 'parser error') {
    return { gravita: 'ERRORE', regola: REGOLA.malformato, riga, unita: null, campo: null, messaggio: `Il file non è XML ben formato alla riga ${riga}: correggi la sintassi in quel punto (dettaglio tecnico: ${detail.trim()}).` };
  }
  const { campo, messaggio } = translateSchemaError(detail);
  return { gravita: 'ERRORE', regola: REGOLA.schema, riga, unita: null, campo, messaggio };
}
