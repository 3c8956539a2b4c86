import { z } from 'zod';
import { fromZodError } from './errors';

z.config(z.locales.it());

/** Parses request input with a zod schema; a failure becomes a 422 naming the field, in Italian. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** Query strings arrive as strings: empty means absent. */
export const optionalQuery = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const pagination = {
  pagina: z.coerce.number().int().min(1).default(1),
  perPagina: z.coerce.number().int().min(1).max(100).default(20),
};
