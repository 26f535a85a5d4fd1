import { defineConfig } from 'vitest/config';

// `npm run test:stack`: the SDK against a running BLAU (BLAU_URL, default http://localhost:9080);
// the build runs it against the test stack beside the web client's end-to-end tests.
export default defineConfig({
  test: {
    include: ['test/against-stack.ts'],
    testTimeout: 60_000,
  },
});
