/**
 * One content script per platform adapter, generated at build time from lib/platforms/*.ts:
 * a page loads only its own site's adapter (plus the overlay), and adding a platform is still
 * adding one file. Each generated entry is three lines of wiring into lib/page/content-script.ts.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineWxtModule } from 'wxt/modules';

const NOT_ADAPTERS = new Set(['index.ts', 'read.ts', 'types.ts']);

export default defineWxtModule({
  name: 'liveseal:platform-content-scripts',
  setup(wxt) {
    wxt.hooks.hook('entrypoints:found', (_wxt, infos) => {
      const platformsDir = resolve(wxt.config.root, 'lib/platforms');
      const outDir = resolve(wxt.config.wxtDir, 'platform-content-scripts');
      mkdirSync(outDir, { recursive: true });
      const adapters = readdirSync(platformsDir).filter((f) => f.endsWith('.ts') && !NOT_ADAPTERS.has(f));
      for (const file of adapters) {
        const id = file.replace(/\.ts$/, '');
        const inputPath = resolve(outDir, `${id}.ts`);
        writeFileSync(
          inputPath,
          [
            `import { defineContentScript } from 'wxt/utils/define-content-script';`,
            `import adapter from ${JSON.stringify(resolve(platformsDir, id))};`,
            `import { runContentScript } from ${JSON.stringify(resolve(wxt.config.root, 'lib/page/content-script'))};`,
            `export default defineContentScript({ matches: adapter.matches, runAt: 'document_idle', main: (ctx) => runContentScript(ctx, adapter) });`,
            '',
          ].join('\n'),
        );
        infos.push({ name: `live-${id}`, inputPath, type: 'content-script' });
      }
    });
  },
});
