// Renders every document template with its sample data (templates/samples/<name>.json) into PDFs, for a
// look: `tsx scripts/render-templates.ts [outDir]` (default .data/template-previews/). Prints the paths.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createChromiumPdfRenderer } from '../activities/pdf/chromium-pdf-renderer';
import { DEFAULT_TEMPLATES_DIR } from '../activities/pdf/templates';
import { PROJECT_ROOT } from '../platform/config';

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(PROJECT_ROOT, '.data', 'template-previews'));
  await mkdir(outDir, { recursive: true });
  const renderer = createChromiumPdfRenderer();
  try {
    for (const name of renderer.templates) {
      const samplePath = path.join(DEFAULT_TEMPLATES_DIR, 'samples', `${name}.json`);
      const sample = JSON.parse(await readFile(samplePath, 'utf8').catch(() => {
        throw new Error(`No sample data for the template ${name}: write ${samplePath}.`);
      })) as object;
      const pdfPath = path.join(outDir, `${name}.pdf`);
      await writeFile(pdfPath, await renderer.render(name, sample));
      console.log(pdfPath);
    }
  } finally {
    await renderer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
