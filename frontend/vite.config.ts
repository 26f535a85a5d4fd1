/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the app runs on 5173 against a local stack (./blau) on 9080: /api, the
// WebSocket included, is proxied so the page and the API share one origin as in production.
// With the applications in Liberty's dev mode (README, "Developing BLAU"), BLAU_CHAT_URL and
// BLAU_AUTH_URL send chat-app's and auth-app's routes each to its own server.
const backend = process.env.BLAU_API_URL || 'http://localhost:9080';
const chatServer = process.env.BLAU_CHAT_URL || backend;
const authServer = process.env.BLAU_AUTH_URL || backend;
// the first key that matches wins: chat-app's routes, then everything else (auth-app's)
const proxy = {
  '/api/v1/chat': { target: chatServer, ws: true, changeOrigin: false },
  '/api': { target: authServer, ws: true, changeOrigin: false },
};

// `npm run preview` serves the production build under the same policy as the ear server
// (web module), so a CSP breakage shows before deployment.
const keycloak = process.env.BLAU_KEYCLOAK_ORIGIN || 'http://localhost:18080';
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  `connect-src 'self' ${keycloak}; form-action 'self' ${keycloak}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy,
  },
  preview: {
    port: 4173,
    strictPort: true,
    proxy,
    headers: { 'Content-Security-Policy': csp },
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
