/**
 * Every progress bar gets an accessible name (WCAG 4.1.2, axe: aria-progressbar-name). Vuetify draws
 * some itself — the loading bar of each data table — where no attribute can be passed: one observer names
 * those that have none, in Italian, and leaves alone the bars that say what they measure.
 */
const NAME = 'Caricamento in corso';

function nameBars(root: ParentNode) {
  for (const bar of root.querySelectorAll('[role="progressbar"]:not([aria-label]):not([aria-labelledby])')) bar.setAttribute('aria-label', NAME);
}

export function nameProgressBars(root: HTMLElement = document.body): void {
  nameBars(root);
  new MutationObserver(() => nameBars(root)).observe(root, { childList: true, subtree: true });
}
