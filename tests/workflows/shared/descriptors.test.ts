// Every procedure has a descriptor, and what the platform shows of a procedure — its name, its states, its
// timeline's actions — comes from it: a workflow without one, a state or an audit action nobody labels,
// or a page that spells out a procedure key of its own fails here.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as platformWorkflows from '../../../workflows';
import { FORMS } from '../../../workflows/shared/forms';
import { AUDIT_ACTIONS, PROCEDURES } from '../../../workflows/shared/procedures';

const ROOT = path.join(__dirname, '../../..');

async function sources(dir: string, extensions: string[]): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file) => ({ file: path.relative(ROOT, file), text: await readFile(file, 'utf8') })));
}

/** Audit actions that are not a procedure's step: signing in and out, people's roles, the protocol register, reference data. */
const OUTSIDE_PROCEDURES = new Set(['ACCESSO', 'USCITA', 'REGISTRAZIONE', 'REFERENTE_NOMINATO', 'REFERENTE_REVOCATO', 'PROTOCOLLO_ANNULLATO', 'RIFERIMENTO_COMUNE_MODIFICATO']);

describe('procedure descriptors', () => {
  it('describe every workflow the worker runs, once', () => {
    const exported = Object.keys(platformWorkflows).sort();
    expect(PROCEDURES.map((procedure) => procedure.workflowType).sort()).toEqual(exported);
    expect(new Set(PROCEDURES.map((procedure) => procedure.id)).size).toBe(PROCEDURES.length);
  });

  it('start in one of their states and use only forms that exist; every form belongs to a procedure', () => {
    for (const procedure of PROCEDURES) {
      expect(Object.keys(procedure.states)).toContain(procedure.initialState);
      for (const form of procedure.forms) expect(Object.keys(FORMS)).toContain(form);
    }
    const used = new Set(PROCEDURES.flatMap((procedure) => procedure.forms));
    expect(Object.keys(FORMS).filter((form) => !used.has(form as never))).toEqual([]);
  });

  it('label every audit action a procedure writes', async () => {
    const files = [...(await sources('activities', ['.ts'])), ...(await sources('api', ['.ts']))];
    const unlabelled: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(/auditEvent\.create\(\{[\s\S]{0,400}?azione: (?:'([A-Z_]+)'|`([A-Z]+)_\$\{)/g)) {
        const [, action, prefix] = match;
        if (action && !AUDIT_ACTIONS[action] && !OUTSIDE_PROCEDURES.has(action)) unlabelled.push(`${file}: ${action}`);
        // `PREFIX_${…}`: the prefix's actions follow a procedure's states, or a task's events.
        if (prefix && !Object.keys(AUDIT_ACTIONS).some((known) => known.startsWith(`${prefix}_`))) unlabelled.push(`${file}: ${prefix}_*`);
      }
    }
    expect(unlabelled).toEqual([]);
    // The templated ones: a state reached is an action on the timeline.
    for (const [prefix, id] of [['ACCREDITAMENTO', 'accreditamento-ente'], ['COMUNICAZIONE', 'invio-generico']] as const) {
      const procedure = PROCEDURES.find((candidate) => candidate.id === id)!;
      for (const state of Object.keys(procedure.states)) expect(AUDIT_ACTIONS).toHaveProperty(`${prefix}_${state}`);
    }
  });

  it('are the only way a workflow sets its business state', async () => {
    const direct = (await sources('workflows', ['.ts']))
      .filter(({ file }) => !file.endsWith(path.join('kit', 'business-state.ts')) && !file.endsWith('incidents.ts'))
      .filter(({ text }) => /key: SA_STATO/.test(text))
      .map(({ file }) => file);
    expect(direct).toEqual([]);
  });

  it('are where the pages read procedure keys from', async () => {
    const ids = new Set<string>(PROCEDURES.map((procedure) => procedure.id));
    const spelled: string[] = [];
    for (const { file, text } of await sources('ui/src', ['.ts', '.vue'])) {
      for (const match of text.matchAll(/['"`]((?:accreditamento|invio|ricognizione|fondo|bando|piano|piani|programmazione)-[a-z-]+)['"`]/g)) {
        // A route or a form key may share a word with a procedure; a procedure's own key must come from @shared.
        if (ids.has(match[1]!)) spelled.push(`${file}: ${match[1]}`);
      }
    }
    expect(spelled).toEqual([]);
  });
});
