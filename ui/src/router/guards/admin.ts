import type { NavigationGuard } from 'vue-router';
import { useSession } from '@/composables/useSession';

/** Administration pages are for users holding the AMMINISTRATORE role. */
export const adminGuard: NavigationGuard = (to) => {
  if (!to.meta.requiresAdmin || useSession().isAdmin.value) return true;
  return { name: 'forbidden' };
};
