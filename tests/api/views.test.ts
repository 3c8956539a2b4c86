// Types once: the API's answers are typed in views.ts modules beside the routes, which the routes are
// checked against and the inbox imports. Those modules must stay types only (the UI bundles nothing from
// the API), and the UI must import them as types.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.join(__dirname, '../..');

async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && keep(entry.name)).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('API answer types', () => {
  it('keeps every views.ts of the API to types: type imports, type and interface exports', async () => {
    const views = await filesUnder('api', (name) => name === 'views.ts');
    expect(views.length).toBeGreaterThanOrEqual(6);
    const runtime: string[] = [];
    for (const file of views) {
      const source = await readFile(path.join(root, file), 'utf8');
      for (const line of source.split('\n')) {
        if (/^import (?!type )/.test(line) || /^export (?!(type|interface) )/.test(line)) runtime.push(`${file}: ${line}`);
      }
    }
    expect(runtime).toEqual([]);
  });

  it('has the inbox import the API\'s modules as types only', async () => {
    const sources = await filesUnder('ui/src', (name) => name.endsWith('.ts') || name.endsWith('.vue'));
    const valueImports: string[] = [];
    let typeImports = 0;
    for (const file of sources) {
      const source = await readFile(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/^(import|export)( type)? [^;]*? from '@(api|activities)\/[^']+';/gms)) {
        if (match[2]) typeImports += 1;
        else valueImports.push(`${file}: ${match[0]}`);
      }
    }
    expect(valueImports).toEqual([]);
    expect(typeImports).toBeGreaterThanOrEqual(10);
  });
});
