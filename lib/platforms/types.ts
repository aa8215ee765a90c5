/** What one platform adapter declares: where it applies, how it reads the room, where the overlay goes. */
import type { PageIdentityInput } from '../identity';
import type { LocalizedText } from '../registry/schema';

export interface OverlayPlacement {
  /**
   * CSS selectors of elements the overlay may sit beside, best first; the first present one
   * wins. Choose spots in the page flow near the anchor's name, never inside the video, its
   * controls, the chat input or the buy buttons. With none present the overlay floats in a
   * corner (`fallbackCorner`) where the site keeps no controls.
   */
  anchors: string[];
  append: 'before' | 'after' | 'first' | 'last';
  fallbackCorner?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

/**
 * Where parent mode's purchase guard can stop clicks (docs/minors.md). Optional: without it a
 * platform still shows the restricted-product warnings, but no click is stopped.
 */
export interface PurchaseControls {
  /** Buy buttons; each sits inside a `product` element whose `productTitle` names it. */
  buyButton: string;
  product: string;
  productTitle: string;
  /** Gift and tip buttons, where the site has them. */
  giftButton?: string;
}

export interface PlatformAdapter {
  /** Registry platform id (PlatformAccount.platform), e.g. 'douyin'. */
  id: string;
  label: LocalizedText;
  /** Manifest match patterns: the content script is only injected there. */
  matches: string[];
  /** The exact room-URL test, finer than match patterns can express. */
  isRoomUrl(url: URL): boolean;
  /**
   * Reads who sells here from the URL, embedded JSON and stable attributes (never hashed class
   * names), `og:`/`<title>` last. Must never throw and never trust the page: null when no room
   * can be recognised.
   */
  extract(doc: Document, url: URL): PageIdentityInput | null;
  /**
   * A cheap string that changes when the room on screen changes (called at most once per
   * animation frame while the page mutates, so: a few querySelector calls, no JSON parsing).
   * Defaults to the URL.
   */
  fingerprint?(doc: Document, url: URL): string;
  /** Extra window events after which the room may have changed (e.g. YouTube's 'yt-navigate-finish'). */
  navigationEvents?: string[];
  placement: OverlayPlacement;
  purchase?: PurchaseControls;
}

export function definePlatform(adapter: PlatformAdapter): PlatformAdapter {
  return adapter;
}
