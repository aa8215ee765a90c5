import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Overlay } from '@/components/Overlay';
import overlayCss from '@/components/overlay.css?inline';
import { resolveLocale } from '@/lib/i18n/locale';
import { send } from '@/lib/messaging/client';
import { allMatches, platformFor } from '@/lib/platforms';
import type { PlatformAdapter } from '@/lib/platforms/types';
import type { Verdict } from '@/lib/verdict/types';

export default defineContentScript({
  matches: allMatches,
  runAt: 'document_idle',
  async main(ctx) {
    const locale = resolveLocale('auto', navigator.language);
    let ui: ShadowRootContentScriptUi<void> | undefined;
    let shown: string | undefined;
    let collapsed = false;

    const paint = (verdict: Verdict) => {
      if (!ui) return;
      render(
        <Overlay
          verdict={verdict}
          locale={locale}
          collapsed={collapsed}
          onToggle={() => {
            collapsed = !collapsed;
            paint(verdict);
          }}
        />,
        ui.uiContainer,
      );
    };

    const leave = () => {
      ui?.remove();
      ui = undefined;
      if (shown !== undefined) void send({ type: 'page/left' }).catch(() => undefined);
      shown = undefined;
    };

    const detect = async () => {
      const url = new URL(location.href);
      const adapter = platformFor(url);
      const identity = adapter?.extract(document, url);
      if (!adapter || !identity?.live) return leave();
      const key = JSON.stringify(identity);
      if (key === shown) return;
      shown = key;
      const verdict = await send({ type: 'page/identity', identity });
      if (shown !== key) return; // the room changed while the background answered
      ui ??= await mountOverlay(ctx, adapter);
      paint(verdict);
    };

    await detect();
    ctx.addEventListener(window, 'wxt:locationchange', () => void detect());
  },
});

async function mountOverlay(ctx: ContentScriptContext, adapter: PlatformAdapter) {
  const ui = await createShadowRootUi<void>(ctx, {
    name: 'liveseal-overlay',
    mode: 'closed',
    css: overlayCss,
    position: 'inline',
    anchor: adapter.placement.anchor,
    append: adapter.placement.append,
    onMount: () => undefined,
    onRemove: () => render(null, ui.uiContainer),
  });
  ui.mount();
  return ui;
}
