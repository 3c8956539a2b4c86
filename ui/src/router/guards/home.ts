import type { NavigationGuard } from 'vue-router';
import { useSession } from '@/composables/useSession';

/**
 * "/" opens the inbox; someone with no roles yet can only ask for an ente's accreditation, so lands on
 * the requests. The route's redirect runs before the session is loaded, hence a guard. (The router keeps
 * `redirectedFrom` across the guard's own redirect: only the landing on the inbox is redirected.)
 */
export const homeGuard: NavigationGuard = (to) => {
  if (to.name !== 'inbox' || to.redirectedFrom?.name !== 'home' || useSession().hasRoles.value) return true;
  return { name: 'accreditamenti', replace: true };
};
