/** Vuetify rules several forms share: each gives true, or the Italian message to show. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const required = (message: string) => (value: string) => value.trim().length > 0 || message;

/** An e-mail or PEC address; `optional` lets the field stay empty. */
export const email =
  (message: string, optional = false) =>
  (value: string) =>
    (optional && value.trim() === '') || EMAIL.test(value.trim()) || message;
