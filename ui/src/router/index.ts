import { createRouter, createWebHistory } from 'vue-router';
import { adminGuard } from './guards/admin';
import { authGuard } from './guards/auth';
import { homeGuard } from './guards/home';
import { titleHook } from './guards/title';
import { routes } from './routes';

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(authGuard);
router.beforeEach(adminGuard);
router.beforeEach(homeGuard);
router.afterEach(titleHook);
