import { randomInt } from 'node:crypto';
import type { Db } from '../../../../prisma/client';
import type { Area, EnteTipo, Ruolo } from '../../../../prisma/generated/client';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letters = (count: number) => Array.from({ length: count }, () => LETTERS[randomInt(26)]).join('');
const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

/** A well-formed, random codice fiscale, so tests never collide on a shared database. */
export function randomCodiceFiscale(): string {
  return `${letters(6)}${digits(2)}${letters(1)}${digits(2)}${letters(1)}${digits(3)}${letters(1)}`;
}

export async function createEnte(db: Db, denominazione: string, tipo: EnteTipo = 'COMUNE') {
  return db.ente.create({ data: { codice: `T${digits(9)}`, tipo, denominazione } });
}

export async function createUser(
  db: Db,
  person: { nome: string; cognome: string; email?: string },
  roles: Array<{ enteId: string; ruolo: Ruolo; area?: Area }> = [],
) {
  return db.user.create({
    data: {
      codiceFiscale: randomCodiceFiscale(),
      nome: person.nome,
      cognome: person.cognome,
      email: person.email ?? null,
      roles: { create: roles.map((role) => ({ enteId: role.enteId, ruolo: role.ruolo, area: role.area ?? null })) },
    },
    include: { roles: true },
  });
}
