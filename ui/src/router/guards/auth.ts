import type { NavigationGuard } from 'vue-router';
import { loadSession, sessionError } from '@/composables/useSession';
import { ApiError } from '@/services/errors';
import { redirectToLogin } from '@/services/login';

/** Every page needs a signed-in user: loads /api/me, and on 401 sends the browser to sign in, then back. */
export const authGuard: NavigationGuard = async (to) => {
  try {
    await loadSession();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      // Who opened the platform's address comes back to it, where the home guard sends them where they can act.
      redirectToLogin(to.redirectedFrom?.name === 'home' ? '/' : to.fullPath);
    } else {
      sessionError.value = error;
    }
    return false;
  }
};
