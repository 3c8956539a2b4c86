// The notifications' answers (types only; see api/views.ts).

/** A person's ordinary e-mail and whether the morning digest of tasks reaches it. */
export interface Notifiche {
  email: string | null;
  riepilogoEmail: boolean;
}
