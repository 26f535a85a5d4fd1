// `node --import ./scripts/typescript-5.mjs …`: registers typescript-5-hooks.mjs (see there) before
// openapi-typescript loads; `npm run generate` runs openapi-typescript's CLI under it.
import { register } from 'node:module';

register('./typescript-5-hooks.mjs', import.meta.url);
