// Files a killed process left in the upload folder mid-request: nobody will ever remove them otherwise.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** An upload being received writes continuously; a file untouched this long belongs to no request. */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** Removes the folder's files untouched for STALE_UPLOAD_MS; returns how many. A missing folder has none. */
export async function sweepStaleUploads(dir: string, now = Date.now()): Promise<number> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs > STALE_UPLOAD_MS) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
