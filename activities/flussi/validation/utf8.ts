// UTF-8 at chunk boundaries. The file is read in chunks, checked with Node's native validator and
// decoded; a character cut by a chunk's end is carried over to the next chunk, so it is neither refused
// nor decoded into a replacement character.
import { isUtf8 } from 'node:buffer';

/** Length of the prefix of `bytes` that ends on a character boundary. */
export function completePrefixLength(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const byte = bytes[i] as number;
    if (byte < 0x80) return end;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return end - i >= length ? end : i;
    }
    // A continuation byte: the character started earlier.
  }
  // Four continuation bytes in a row are invalid whatever follows: let the validator find them.
  return end;
}

/**
 * Offset of the first byte that is not valid UTF-8 (only called once `bytes` is known to be invalid).
 * A prefix cut on a character boundary stays invalid once it contains a bad byte, so the offset can be
 * found by bisection with the native validator instead of a hand-written decoder.
 */
export function firstInvalidOffset(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (isUtf8(bytes.subarray(0, completePrefixLength(bytes.subarray(0, middle))))) valid = middle;
    else invalid = middle;
  }
  return valid;
}

/** How many line feeds `bytes` holds before `offset`. */
export function countLines(bytes: Uint8Array, offset: number): number {
  let lines = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) lines += 1;
  return lines;
}
