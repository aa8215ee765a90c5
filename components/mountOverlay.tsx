/** Mounts the Overlay in a closed shadow root beside the adapter's anchor, or in a free corner. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Locale } from '../lib/i18n/locale';
import type { OverlayPrefs } from '../lib/overlay-prefs';
import type { OverlayPlacement } from '../lib/platforms/types';
import type { RoomVerdict } from '../lib/messages';
import { Overlay } from './Overlay';
import overlayCss from './overlay.css?inline';

export interface OverlayState {
  verdict: RoomVerdict;
  locale: Locale;
  collapsed: boolean;
  onToggle(collapsed: boolean): void;
  onDetails(): void;
  onReport(): void;
}

export interface MountedOverlay {
  remove(): void;
  setLocale(locale: Locale): void;
}

const CORNER_STYLE: Record<Exclude<OverlayPrefs['corner'], 'beside'>, string> = {
  'top-left': 'top:12px;left:12px',
  'top-right': 'top:12px;right:12px',
  'bottom-left': 'bottom:12px;left:12px',
  'bottom-right': 'bottom:12px;right:12px',
};

function StatefulOverlay({ state, size }: { state: OverlayState; size: OverlayPrefs['size'] }) {
  const [collapsed, setCollapsed] = useState(state.collapsed);
  return (
    <Overlay
      verdict={state.verdict}
      locale={state.locale}
      size={size}
      collapsed={collapsed}
      onToggle={() => {
        setCollapsed(!collapsed);
        state.onToggle(!collapsed);
      }}
      onDetails={state.onDetails}
      onReport={state.onReport}
    />
  );
}

/** Beside the adapter's anchor, unless the viewer chose a corner (or the anchor is missing). */
export async function mountOverlay(
  ctx: ContentScriptContext,
  placement: OverlayPlacement,
  prefs: Pick<OverlayPrefs, 'corner' | 'size'>,
  state: OverlayState,
): Promise<MountedOverlay> {
  const anchor = prefs.corner === 'beside' ? placement.anchors.map((s) => document.querySelector(s)).find((el) => el !== null) : undefined;
  const corner = prefs.corner === 'beside' ? (placement.fallbackCorner ?? 'top-left') : prefs.corner;
  const ui = await createShadowRootUi(ctx, {
    name: 'liveseal-overlay',
    mode: 'closed',
    css: overlayCss,
    position: 'inline',
    anchor: anchor ?? document.body,
    append: anchor ? placement.append : 'last',
    onMount: (container) => render(<StatefulOverlay state={state} size={prefs.size} />, container),
    onRemove: () => render(null, ui.uiContainer),
  });
  ui.mount();
  if (!anchor) {
    ui.shadowHost.setAttribute(
      'style',
      `position:fixed;${CORNER_STYLE[corner]};z-index:2147483646;display:block`,
    );
  }
  return {
    remove: () => ui.remove(),
    setLocale(locale) {
      state.locale = locale;
      render(<StatefulOverlay state={{ ...state }} size={prefs.size} />, ui.uiContainer);
    },
  };
}
