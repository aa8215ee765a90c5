/**
 * Follows the live room on screen through reloads, SPA navigation and replaced nodes, at a
 * constant cost per animation frame however busy the page is: mutations only mark the page
 * dirty; once per frame the adapter's cheap fingerprint is compared, and only a changed
 * fingerprint pays for a full extraction.
 */
import type { PageIdentityInput } from '../identity';
import type { PlatformAdapter } from '../platforms/types';

export interface RoomWatchOptions {
  adapterFor(url: URL): PlatformAdapter | undefined;
  /** A live room is on screen (a new one, or the same one with changed details). */
  onRoom(adapter: PlatformAdapter, identity: PageIdentityInput): void;
  /** No live room on screen any more. */
  onLeave(): void;
  signal: AbortSignal;
  /** Window events that always mean "look again" (WXT's SPA event, history, hash). */
  events?: string[];
}

const BASE_EVENTS = ['wxt:locationchange', 'popstate', 'hashchange', 'pageshow'];

export function watchRooms(options: RoomWatchOptions): void {
  const { signal } = options;
  let fingerprint: string | undefined;
  let shownKey: string | undefined;
  let frame = 0;

  const check = () => {
    frame = 0;
    const url = new URL(location.href);
    const adapter = options.adapterFor(url);
    const next = adapter ? `${adapter.id}\n${adapter.fingerprint?.(document, url) ?? url.href}` : '';
    if (next === fingerprint) return;
    fingerprint = next;
    const identity = adapter?.extract(document, url);
    if (!adapter || !identity?.live) {
      if (shownKey !== undefined) options.onLeave();
      shownKey = undefined;
      return;
    }
    const key = JSON.stringify(identity);
    if (key === shownKey) return;
    shownKey = key;
    options.onRoom(adapter, identity);
  };

  const schedule = () => {
    if (!frame && !signal.aborted) frame = requestAnimationFrame(check);
  };

  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  const events = [...BASE_EVENTS, ...(options.events ?? [])];
  for (const type of events) window.addEventListener(type, schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  });
  check();
}
