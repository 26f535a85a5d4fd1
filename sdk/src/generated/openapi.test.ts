import { readFile } from 'node:fs/promises';
import { register } from 'node:module';
import { expect, it } from 'vitest';

// The committed types must be what openapi-typescript makes of the committed snapshot of the
// server's document: a snapshot updated without `npm run generate` (or a hand edit) fails here.
it('src/generated/openapi.ts is generated from openapi/blau-openapi.json', async () => {
  register('../../scripts/typescript-5-hooks.mjs', import.meta.url); // as `npm run generate` does
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');
  const ast = await openapiTS(new URL('../../openapi/blau-openapi.json', import.meta.url));
  const expected = COMMENT_HEADER + astToString(ast);
  const committed = await readFile(new URL('./openapi.ts', import.meta.url), 'utf8');
  expect(committed, 'src/generated/openapi.ts is stale: run npm run generate').toBe(expected);
}, 30_000);
