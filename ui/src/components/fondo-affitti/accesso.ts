/** What the signed-in person may do with the rent-support fund, as the API decides it (the API still checks). */
import { useSession } from '@/composables/useSession';
import type { RoleGrant } from '@/services/session';
import { grantCovers } from '@shared/actor';
import { computed } from 'vue';

/** The Region's istruttori and dirigenti of the area (or of every area): runsCalls on the API. */
const gestisce = (role: RoleGrant) =>
  role.enteTipo === 'REGIONE' && (role.ruolo === 'ISTRUTTORE' || role.ruolo === 'DIRIGENTE') && (role.area === null || role.area === 'FONDO_AFFITTI');

export function useAccessoFondo() {
  const { me, isRegione } = useSession();
  const roles = computed(() => me.value?.roles ?? []);
  return {
    /** The Region's people read every call, drafts included, and the riparto. */
    isRegione,
    /** They draft, send to signature and extend the calls, and look for tenants listed twice. */
    gestisceBandi: computed(() => roles.value.some(gestisce)),
    /** Who reads a Comune's list of tenants: those who run the calls, the Comune's FONDO_AFFITTI referenti. */
    leggeBeneficiari: (enteId: string) =>
      roles.value.some((role) => gestisce(role) || grantCovers(role, { candidateEnteId: enteId, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' })),
  };
}
