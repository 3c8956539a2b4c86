import { readFileSync } from 'node:fs';
import path from 'node:path';

// Every action the workflows' activities audit for a procedure has an Italian title on its timeline.
describe('procedure timeline labels', () => {
  it('when the activities write an audit action, then the timeline has a label for it', () => {
    const timeline = readFileSync(path.join(__dirname, '../../api/timeline.ts'), 'utf8');
    const sources = ['accreditation/accreditation.ts', 'communications/communications.ts', 'incidents/incidents.ts', 'tasks/task-projection.ts']
      .map((file) => readFileSync(path.join(__dirname, '../../activities', file), 'utf8'))
      .join('\n');
    const literal = [...sources.matchAll(/azione: '([A-Z_]+)',/g)].map((match) => match[1]!);
    const templated = [...sources.matchAll(/azione: `([A-Z_]+)\$\{/g)].map((match) => match[1]!);
    expect(literal.length + templated.length).toBeGreaterThan(5);
    for (const action of literal) expect([action, timeline.includes(`${action}:`)]).toEqual([action, true]);
    for (const prefix of templated) expect([prefix, timeline.includes(prefix)]).toEqual([prefix, true]);
  });
});
