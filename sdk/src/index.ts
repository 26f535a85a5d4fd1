// @blau/sdk: BLAU's TypeScript client, with no runtime dependencies.
export * from './types.js';
export * from './rest.js';
export * from './realtime/frames.js';
export * from './realtime/RealtimeClient.js';
export * from './realtime/connect.js';
/** The OpenAPI document's types (`npm run generate`): `paths[path][method]`, `components['schemas'][name]`. */
export type { components, paths } from './generated/openapi.js';
