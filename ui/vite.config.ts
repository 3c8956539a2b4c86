import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import vuetify from 'vite-plugin-vuetify';

const uiDir = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

export default defineConfig({
  root: uiDir,
  plugins: [vue(), vuetify({ autoImport: true })],
  resolve: {
    // `@shared`: the procedures' pure definitions (descriptors, task contracts), the same modules the API
    // and the workflows read, so the UI checks and labels with their rules.
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@shared': fileURLToPath(new URL('../workflows/shared', import.meta.url)),
      // Types only (the API's answers, e.g. activities/stock/types.ts): retyping them here drifts.
      '@activities': fileURLToPath(new URL('../activities', import.meta.url)),
      // Types only: the API's answers (api/views.ts and the views.ts beside each route).
      '@api': fileURLToPath(new URL('../api', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': api,
      '/auth': api,
    },
  },
});
