/** What one platform adapter declares: where it applies, how it reads the room, where the overlay goes. */
import type { PageIdentityInput } from '../identity';
import type { LocalizedText } from '../registry/schema';

export interface OverlayPlacement {
  /** CSS selector of the element the overlay is placed beside; the first match wins. */
  anchor: string;
  append: 'before' | 'after' | 'first' | 'last';
}

export interface PlatformAdapter {
  /** Registry platform id (PlatformAccount.platform). */
  id: string;
  label: LocalizedText;
  /** Manifest match patterns: the content script is only injected there. */
  matches: string[];
  /** The exact room-URL test, finer than match patterns can express. */
  isRoomUrl(url: URL): boolean;
  /**
   * Reads who sells here from the URL, embedded JSON and stable attributes. Must never throw
   * and never trust the page: null when no room can be recognised.
   */
  extract(doc: Document, url: URL): PageIdentityInput | null;
  placement: OverlayPlacement;
}

export function definePlatform(adapter: PlatformAdapter): PlatformAdapter {
  return adapter;
}
