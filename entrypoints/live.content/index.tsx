import { browser } from 'wxt/browser';
import { allMatches, platformFor, platforms } from '@/lib/platforms';
import { send } from '@/lib/messaging/client';
import { watchRooms } from '@/lib/page/room-watch';
import type { Verdict } from '@/lib/verdict/types';
import { mountOverlay, type MountedOverlay } from './overlay';

const collapsedKey = () => `overlay.collapsed.${location.hostname}`;

export default defineContentScript({
  matches: allMatches,
  runAt: 'document_idle',
  async main(ctx) {
    let overlay: MountedOverlay | undefined;
    let room = 0;
    const stored = await browser.storage.local.get(collapsedKey()).catch(() => ({}));
    let collapsed = (stored as Record<string, unknown>)[collapsedKey()] === true;

    const remove = () => {
      overlay?.remove();
      overlay = undefined;
    };

    watchRooms({
      adapterFor: platformFor,
      events: platforms.flatMap((p) => p.navigationEvents ?? []),
      signal: ctx.signal,
      async onRoom(adapter, identity) {
        const thisRoom = ++room;
        let verdict: Verdict;
        try {
          verdict = await send({ type: 'page/identity', identity });
        } catch {
          return; // the extension was reloaded or the worker is gone: draw nothing rather than guess
        }
        if (thisRoom !== room || ctx.isInvalid) return; // the room changed while the background answered
        remove(); // the site may have replaced the nodes the old overlay sat beside
        overlay = await mountOverlay(ctx, adapter.placement, {
          verdict,
          collapsed,
          onToggle(next) {
            collapsed = next;
            void browser.storage.local.set({ [collapsedKey()]: next });
          },
          onDetails() {
            void send({ type: 'details/open', identity }).catch(() => undefined);
          },
        });
      },
      onLeave() {
        room++;
        remove();
        void send({ type: 'page/left' }).catch(() => undefined);
      },
    });
  },
});
