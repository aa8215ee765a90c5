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

/**
 * The registry this build keeps itself up to date from (README: "Publishing a registry");
 * none by default: the demo build has its bundled snapshot only, until the viewer adds one.
 */
function builtInSource(): unknown {
  const snapshotUrl = process.env.LIVESEAL_REGISTRY_URL;
  if (!snapshotUrl) return null;
  return { snapshotUrl, deltaUrl: process.env.LIVESEAL_REGISTRY_DELTA_URL, keysetUrl: process.env.LIVESEAL_REGISTRY_KEYSET_URL };
}

export default defineConfig({
  modules: [],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings, per-site overlay preference, each tab's last verdict (storage.session).
    // alarms: the periodic registry check and report retries.
    // activeTab: a screenshot of the visible tab, only when the viewer reports from the toolbar.
    permissions: ['storage', 'alarms', 'activeTab'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // No data collection: lookups are local; only public registry files are downloaded.
            // 140 (desktop ESR) and 142 (Android) are the first to know data_collection_permissions.
            gecko: { id: 'liveseal@liveseal.app', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    define: {
      __LIVESEAL_PINNED_KEYS__: JSON.stringify(pinnedKeys()),
      __LIVESEAL_REGISTRY_SOURCE__: JSON.stringify(builtInSource()),
    },
  }),
});
