/** Reading a task's data and outcome (plain JSON the workflow wrote), tolerating what is missing. */
import type { ProtocolloRef } from '@/services/types';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function readProtocollo(value: unknown): ProtocolloRef | undefined {
  if (!isRecord(value) || typeof value.numero !== 'number' || typeof value.anno !== 'number') return undefined;
  return { numero: value.numero, anno: value.anno, data: text(value.data) ?? '' };
}
