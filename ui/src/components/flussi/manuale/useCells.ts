import { computed, type Ref } from 'vue';
import { cellError, type CellErrors } from './rows';

/**
 * What every editable cell of a manual-form table binds — its API message, a width that shows its value,
 * a test id, and the edit it reports — named by the row's position in the whole list, as the API names it.
 */
export function useCells<R extends { key: number }>(options: {
  rows: Ref<R[]>;
  list: 'fabbricati' | 'unita';
  /** "unita" or "fabbricato": the test ids' prefix. */
  testPrefix: string;
  /** Each input keeps a width that shows its value: the table scrolls sideways rather than squeeze it. */
  widths: Record<string, string>;
  errors: () => CellErrors;
  disabled: () => boolean;
  onEdited: (path: string) => void;
}) {
  const indexOf = computed(() => new Map(options.rows.value.map((row, index) => [row.key, index])));
  const position = (row: R) => indexOf.value.get(row.key) ?? -1;
  const testid = (row: R, field: string) => `${options.testPrefix}-${position(row)}-${field}`;
  const cell = (row: R, field: string) => ({
    density: 'compact' as const,
    disabled: options.disabled(),
    errorMessages: cellError(options.errors(), options.list, position(row), field),
    style: { minWidth: options.widths[field] },
    'data-testid': testid(row, field),
    'onUpdate:modelValue': () => options.onEdited(`${options.list}.${position(row)}.${field}`),
  });
  return { position, testid, cell };
}
