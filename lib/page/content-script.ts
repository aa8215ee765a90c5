/**
 * What every platform's content script does: follow the live room, ask the background for its
 * verdict, and keep the overlay beside it. One adapter per script, so a page loads only the
 * code for its own site (modules/platform-content-scripts.ts generates one script each).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askParent } from '../../components/mountGuardFrame';
import { mountOverlay, type MountedOverlay } from '../../components/mountOverlay';
import { currentLocale, onLocaleChange } from '../i18n/current';
import { minorsTranslator } from '../i18n/minors';
import { SETTINGS_KEY } from '../i18n/locale';
import { COLLAPSED_KEY_PREFIX, overlayPrefsOf } from '../overlay-prefs';
import { send } from '../messaging/client';
import type { PlatformAdapter } from '../platforms/types';
import type { RoomVerdict } from '../messages';
import { installPurchaseGuard } from './purchase-guard';
import { watchRooms } from './room-watch';

const collapsedKey = () => `${COLLAPSED_KEY_PREFIX}${location.hostname}`;

export async function runContentScript(ctx: ContentScriptContext, adapter: PlatformAdapter): Promise<void> {
  let overlay: MountedOverlay | undefined;
  let room = 0;
  const [stored, initialLocale] = await Promise.all([
    browser.storage.local.get([collapsedKey(), SETTINGS_KEY]).catch(() => ({}) as Record<string, unknown>),
    currentLocale(),
  ]);
  let collapsed = stored[collapsedKey()] === true;
  let prefs = overlayPrefsOf(stored[SETTINGS_KEY]);
  let locale = initialLocale;
  onLocaleChange((next) => {
    locale = next;
    overlay?.setLocale(next);
  });

  // Parent mode: the background's notice says what to stop; the PIN is typed in the guard
  // frame and checked by the background, which alone can let the click through.
  const guard =
    adapter.purchase &&
    installPurchaseGuard(ctx, adapter.purchase, (reason, returnFocus) => askParent(ctx, reason, minorsTranslator(locale)('guard.title'), returnFocus));

  const remove = () => {
    overlay?.remove();
    overlay = undefined;
  };

  const watch = watchRooms({
    adapterFor: (url) => (adapter.isRoomUrl(url) ? adapter : undefined),
    events: adapter.navigationEvents,
    signal: ctx.signal,
    async onRoom(_adapter, identity) {
      const thisRoom = ++room;
      let verdict: RoomVerdict;
      try {
        verdict = await send({ type: 'page/identity', identity });
      } catch {
        return; // the extension was reloaded or the worker is gone: draw nothing rather than guess
      }
      if (thisRoom !== room || ctx.isInvalid) return; // the room changed while the background answered
      guard?.setNotice(verdict.minors);
      remove(); // the site may have replaced the nodes the old overlay sat beside
      if (prefs.disabledSites.includes(location.hostname)) return; // the toolbar badge still tells
      overlay = await mountOverlay(ctx, adapter.placement, prefs, {
        verdict,
        locale,
        collapsed,
        onToggle(next) {
          collapsed = next;
          void browser.storage.local.set({ [collapsedKey()]: next });
        },
        onDetails() {
          void send({ type: 'details/open', identity }).catch(() => undefined);
        },
        onReport() {
          void send({ type: 'report/open', identity }).catch(() => undefined);
        },
      });
    },
    onLeave() {
      room++;
      guard?.setNotice(undefined);
      remove();
      void send({ type: 'page/left' }).catch(() => undefined);
    },
  });
  // The background says so when a registry update changed what verdicts may say.
  // Position, size or this site's on/off changed in the options page or the popup: redraw.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    prefs = overlayPrefsOf(changes[SETTINGS_KEY]!.newValue);
    watch.refresh();
  });
  browser.runtime.onMessage.addListener((message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === 'registry/changed') watch.refresh();
  });
}
