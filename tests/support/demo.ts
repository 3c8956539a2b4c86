import { DEMO_USERS, type DemoUserKey } from '../../prisma/seed/demo-users';

/** The codice fiscale of a demo identity, to sign in as it. */
export const demoCf = (key: DemoUserKey): string => DEMO_USERS.find((user) => user.key === key)!.codiceFiscale;
