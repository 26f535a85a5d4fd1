// Runtime settings: the server that serves the app may answer /config.json (the ear server and
// the SPA container do); the Vite dev server does not, so the local stack's defaults apply.

export interface RuntimeConfig {
  keycloakUrl: string;
  realm: string;
  clientId: string;
}

export const defaultConfig: RuntimeConfig = {
  keycloakUrl: 'http://localhost:18080',
  realm: 'blau',
  clientId: 'blau-web',
};

let cached: Promise<RuntimeConfig> | undefined;

export function loadConfig(): Promise<RuntimeConfig> {
  cached ??= fetch('/config.json', { headers: { Accept: 'application/json' } })
    .then(async (r) => {
      if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return defaultConfig;
      const json = (await r.json()) as Partial<RuntimeConfig>;
      return {
        keycloakUrl: (json.keycloakUrl || defaultConfig.keycloakUrl).replace(/\/+$/, ''),
        realm: json.realm || defaultConfig.realm,
        clientId: json.clientId || defaultConfig.clientId,
      };
    })
    .catch(() => defaultConfig);
  return cached;
}
