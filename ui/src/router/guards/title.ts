import type { NavigationHookAfter } from 'vue-router';

const APP_NAME = 'PUSH – Puglia Social Housing';

/** Names the browser tab after the page. */
export const titleHook: NavigationHookAfter = (to) => {
  document.title = to.meta.title ? `${to.meta.title} · ${APP_NAME}` : APP_NAME;
};
