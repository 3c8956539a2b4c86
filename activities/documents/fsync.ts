// fsync of a file, or of a directory — which makes a rename or a new entry in it durable. Every store that
// must survive a kill (documents, the local PEC provider, the local mail catcher) writes through it.
import { open } from 'node:fs/promises';

export async function syncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
