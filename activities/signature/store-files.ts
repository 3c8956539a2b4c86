// Files of the key store. Each one is written whole to a private temporary name, flushed, and only then
// given its real name, so a crash never leaves half a key or half a signed act behind.
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException | null)?.code === code;

export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

async function writeTemporary(file: string, data: Buffer | string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/**
 * Creates `file` unless it exists, and returns what the file holds: ours, or what another process or
 * call wrote first. `link` fails when the name is taken, so two writers racing never overwrite each other.
 */
export async function createOnce(file: string, data: Buffer | string): Promise<Buffer> {
  const temporary = await writeTemporary(file, data);
  try {
    await link(temporary, file);
    return Buffer.from(data);
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    return readFile(file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Replaces `file` in one step: readers see the old content or the new, never a mix. */
export async function replace(file: string, data: Buffer | string): Promise<void> {
  const temporary = await writeTemporary(file, data);
  try {
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
