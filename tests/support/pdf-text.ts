// The text of a PDF as poppler's pdftotext reads it (Debian `poppler-utils`), keeping the layout so a
// table's row reads as one line: what a person would read.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'push-pdftext-'));
  try {
    const file = path.join(dir, 'documento.pdf');
    await writeFile(file, pdf);
    return await new Promise<string>((resolve, reject) => {
      execFile('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
