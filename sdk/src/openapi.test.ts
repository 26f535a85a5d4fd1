import { readFile } from 'node:fs/promises';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';

// The server's OpenAPI document, as the SDK keeps it (the ear's OpenApiIT proves it is the one
// served): it must be a valid OpenAPI 3.1 document, every $ref resolving.
const document = async () => JSON.parse(await readFile(new URL('../openapi/blau-openapi.json', import.meta.url), 'utf8'));

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await validate(await document());
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('fails validation when broken', async () => {
    const broken = await document();
    broken.paths['/api/v1/chat/rooms'].get.responses['200'].content['application/json'].schema = {
      $ref: '#/components/schemas/NoSuchSchema',
    };
    const result = await validate(broken);
    expect(result.valid).toBe(false);
  });
});
