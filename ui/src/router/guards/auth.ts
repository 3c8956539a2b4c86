import type { NavigationGuard } from 'vue-router';
import { loadSession, sessionError } from '@/composables/useSession';
import { ApiError } from '@/services/errors';
import { redirectToLogin } from '@/services/login';

/** Every page needs a signed-in user: loads /api/me, and on 401 sends the browser to sign in. */
export const authGuard: NavigationGuard = async (to) => {
  try {
    await loadSession();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      redirectToLogin(to.fullPath);
    } else {
      sessionError.value = error;
    }
    return false;
  }
};
