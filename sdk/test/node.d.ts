// The two Node APIs the tests use, declared here instead of a dependency on @types/node: the
// SDK itself uses no Node API (it runs in browsers and on Node alike).
declare module 'node:fs/promises' {
  export function readFile(path: string | URL, encoding: 'utf8'): Promise<string>;
}

declare module 'node:module' {
  export function register(specifier: string | URL, parentURL?: string | URL): void;
}

declare const process: { env: Record<string, string | undefined> };

declare module 'ws' {
  export default class WebSocket {
    constructor(url: string);
  }
}
