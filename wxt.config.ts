import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The registry keys this build trusts. Real deployments pin their own with
 * LIVESEAL_TRUSTED_KEYS=path/to/keys.pub.json; otherwise the per-machine demo key that
 * `npm run registry:prepare` creates is pinned (README: "Pinning your own keys").
 */
function pinnedKeys(): unknown[] {
  const file = process.env.LIVESEAL_TRUSTED_KEYS ?? resolve('.keys/demo.pub.json');
  if (!existsSync(file)) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? parsed : [parsed];
}

export default defineConfig({
  modules: [],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: per-site overlay preference and each tab's last verdict (storage.session).
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'liveseal@liveseal.app', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    define: { __LIVESEAL_PINNED_KEYS__: JSON.stringify(pinnedKeys()) },
  }),
});
