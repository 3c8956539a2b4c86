// Content-addressed files on disk: <root>/ab/cd/<sha256>. A file's name is its SHA-256, so identical
// content has one file, and a file is never changed in place — only written whole, atomically.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { syncPath } from './fsync';

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

export function blobPath(rootDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a hex SHA-256: ${sha256}`);
  return path.join(rootDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Whether the blob exists as a file whose bytes still hash to its name (streamed: no 50 MB buffer). */
async function isIntact(file: string, sha256: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex') === sha256;
}

/**
 * Writes the content under its hash unless an intact copy is there already (dedup). The bytes go to a
 * temporary file in the same folder, are fsynced, then renamed over the target: a reader or a crash sees
 * the whole file or none. A damaged copy is replaced, which also repairs the documents that share it.
 * Returns whether a file was written.
 */
export async function writeBlob(rootDir: string, sha256: string, content: Buffer): Promise<boolean> {
  const target = blobPath(rootDir, sha256);
  if (await isIntact(target, sha256)) return false;
  const dir = path.dirname(target);
  const firstCreated = await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o440);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncPath(dir);
  // Folders made just now must be durable in their parents too, up to the first one that existed.
  if (firstCreated) {
    for (let created = dir; created !== path.dirname(firstCreated); created = path.dirname(created)) {
      await syncPath(path.dirname(created));
    }
  }
  return true;
}

/** Whether a file is there under the hash (not whether it is intact: that costs a read). */
export async function blobExists(rootDir: string, sha256: string): Promise<boolean> {
  try {
    return (await stat(blobPath(rootDir, sha256))).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Removes the blob's file; its folders stay (a concurrent write may be about to use them). */
export async function removeBlob(rootDir: string, sha256: string): Promise<void> {
  const file = blobPath(rootDir, sha256);
  await rm(file, { force: true });
  await syncPath(path.dirname(file));
}

/** The blob's bytes, or undefined when the file is missing. */
export async function readBlob(rootDir: string, sha256: string): Promise<Buffer | undefined> {
  try {
    return await readFile(blobPath(rootDir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
