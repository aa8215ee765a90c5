/**
 * Makes the purchase guard's page (guard.html) loadable in an iframe on the live sites the
 * content scripts run on, and nowhere else: web_accessible_resources with the content scripts'
 * origins. On Chromium the URL is dynamic (a per-session id) so pages cannot probe for it;
 * Firefox (MV2) lists the file only, its moz-extension id being random per install already.
 */
import { defineWxtModule } from 'wxt/modules';

/** `https://host/path*` → `https://host/*`: web_accessible_resources matches take no path. */
const originOf = (pattern: string) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*');

export default defineWxtModule({
  name: 'liveseal:guard-frame-access',
  setup(wxt) {
    wxt.hooks.hook('build:manifestGenerated', (_wxt, manifest) => {
      const matches = [...new Set((manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []).map(originOf))];
      manifest.web_accessible_resources = [
        ...(manifest.web_accessible_resources ?? []),
        { resources: ['guard.html'], matches, ...(wxt.config.browser === 'firefox' ? {} : { use_dynamic_url: true }) },
      ] as typeof manifest.web_accessible_resources;
    });
  },
});
