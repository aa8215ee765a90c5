/**
 * Follows the live room on screen through reloads, SPA navigation and replaced nodes, at no
 * cost per chat message: only the room's identity element (the adapter's first placement
 * anchor, usually the anchor's name) and the chain of its ancestors are observed, so a busy
 * chat elsewhere in the page never wakes this code. A change marks the page dirty; once per
 * animation frame the adapter's cheap fingerprint is compared, and only a changed fingerprint
 * pays for a full extraction. Until the identity element exists (the page is still loading),
 * the whole document is watched.
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

function identityElement(adapter: PlatformAdapter | undefined): Element | null {
  for (const selector of adapter?.placement.anchors ?? []) {
    const element = document.querySelector(selector);
    if (element) return element;
  }
  return null;
}

export interface RoomWatch {
  /** Look again and report the room even if unchanged (the registry behind its verdict changed). */
  refresh(): void;
}

export function watchRooms(options: RoomWatchOptions): RoomWatch {
  const { signal } = options;
  let fingerprint: string | undefined;
  let shownKey: string | undefined;
  let watched: Element | null | undefined;
  let frame = 0;

  const schedule = () => {
    if (!frame && !signal.aborted) frame = requestAnimationFrame(check);
  };
  const observer = new MutationObserver(schedule);

  /** Observe the identity element's subtree and each ancestor's own children, or everything while it is missing. */
  const arm = (element: Element | null) => {
    if (element === watched) return;
    watched = element;
    observer.disconnect();
    if (!element) {
      observer.observe(document.documentElement, { childList: true, subtree: true });
      return;
    }
    observer.observe(element, { childList: true, subtree: true, characterData: true, attributes: true });
    for (let node = element.parentNode; node; node = node.parentNode) observer.observe(node, { childList: true });
  };

  function check() {
    frame = 0;
    const url = new URL(location.href);
    const adapter = options.adapterFor(url);
    arm(identityElement(adapter));
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
  }

  const events = [...BASE_EVENTS, ...(options.events ?? [])];
  for (const type of events) window.addEventListener(type, schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  });
  check();
  return {
    refresh() {
      fingerprint = undefined;
      shownKey = undefined;
      schedule();
    },
  };
}
