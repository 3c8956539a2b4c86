import { computed, shallowRef } from 'vue';
import { setCsrfToken } from '@/services/http';
import { getMe, type Me, type RoleGrant } from '@/services/session';

const me = shallowRef<Me | null>(null);

/** Why the session could not be loaded, other than not being signed in (e.g. the API is unreachable). */
export const sessionError = shallowRef<unknown>(null);

/** Loads the signed-in user again: after an accreditation, for instance, the roles have changed. */
export async function refreshSession(): Promise<Me> {
  const loaded = await getMe();
  setCsrfToken(loaded.csrfToken);
  me.value = loaded;
  return loaded;
}

/** Loads the signed-in user once (the auth guard calls it before the first page). */
export async function loadSession(): Promise<Me> {
  return me.value ?? refreshSession();
}

/** May this grant send communications for its ente? */
const sendsComunicazioni = (role: RoleGrant) =>
  role.ruolo === 'RAPPRESENTANTE_LEGALE' || (role.ruolo === 'REFERENTE' && role.area === 'COMUNICAZIONI');

/** May this grant transmit its ente's housing stock (the flussi patrimoniali)? */
const transmitsPatrimonio = (role: RoleGrant) =>
  role.ruolo === 'RAPPRESENTANTE_LEGALE' || (role.ruolo === 'REFERENTE' && role.area === 'PATRIMONIO');

/** The enti that hold public housing (and the Region, which sees all of it): their people browse the stock. */
const STOCK_ENTI = new Set(['REGIONE', 'COMUNE', 'ARCA', 'ALER']);

function uniqueEnti(roles: RoleGrant[]) {
  const enti = new Map<string, { id: string; denominazione: string }>();
  for (const role of roles) enti.set(role.enteId, { id: role.enteId, denominazione: role.enteDenominazione });
  return [...enti.values()];
}

/** The signed-in user and what the UI derives from the roles (the API still checks every request). */
export function useSession() {
  const roles = computed(() => me.value?.roles ?? []);
  return {
    me,
    /** Someone just signed in holds no role until an ente is accredited for them: they can only ask for that. */
    hasRoles: computed(() => roles.value.length > 0),
    isAdmin: computed(() => roles.value.some((role) => role.ruolo === 'AMMINISTRATORE')),
    enti: computed(() => uniqueEnti(roles.value)),
    entiMittente: computed(() => uniqueEnti(roles.value.filter(sendsComunicazioni))),
    /** The enti whose housing stock the user transmits: the legal representative and the PATRIMONIO referenti. */
    entiPatrimonio: computed(() => uniqueEnti(roles.value.filter(transmitsPatrimonio))),
    /** May the user browse the housing stock (their ente's, or all of it for the Region)? */
    vedeAlloggi: computed(() => roles.value.some((role) => STOCK_ENTI.has(role.enteTipo))),
    /** The enti whose legal representative the user is: they name and revoke its referenti. */
    entiRappresentati: computed(() => uniqueEnti(roles.value.filter((role) => role.ruolo === 'RAPPRESENTANTE_LEGALE'))),
    /** The Region's people follow the ricognizioni; its istruttori and dirigenti open, extend and close them. */
    isRegione: computed(() => roles.value.some((role) => role.enteTipo === 'REGIONE')),
    gestisceRicognizioni: computed(() => roles.value.some((role) => role.enteTipo === 'REGIONE' && (role.ruolo === 'ISTRUTTORE' || role.ruolo === 'DIRIGENTE'))),
  };
}
