/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the app runs on 5173 against a local stack (./blau) on 9080: /api, the
// WebSocket included, is proxied so the page and the API share one origin as in production.
const backend = process.env.BLAU_API_URL || 'http://localhost:9080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: {
    // no inline scripts: the page runs under script-src 'self'
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
