/**
 * How and where the viewer wants the on-page panel: a corner or beside the anchor, a size, and
 * the sites where it stays hidden. Stored inside the settings object (lib/settings.ts); read
 * here by hand because content scripts carry no zod.
 */
export const OVERLAY_CORNERS = ['beside', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type OverlayCorner = (typeof OVERLAY_CORNERS)[number];
export const OVERLAY_SIZES = ['small', 'normal', 'large'] as const;
export type OverlaySize = (typeof OVERLAY_SIZES)[number];

/** storage.local keys `overlay.collapsed.<hostname>`: whether the viewer collapsed the panel there. */
export const COLLAPSED_KEY_PREFIX = 'overlay.collapsed.';

export interface OverlayPrefs {
  corner: OverlayCorner;
  size: OverlaySize;
  /** Host names where the panel is not shown (the toolbar badge still is). */
  disabledSites: string[];
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);

export function overlayPrefsOf(stored: unknown): OverlayPrefs {
  const raw = (stored ?? {}) as { overlayCorner?: unknown; overlaySize?: unknown; disabledSites?: unknown };
  return {
    corner: isOneOf(OVERLAY_CORNERS, raw.overlayCorner) ? raw.overlayCorner : 'beside',
    size: isOneOf(OVERLAY_SIZES, raw.overlaySize) ? raw.overlaySize : 'normal',
    disabledSites: Array.isArray(raw.disabledSites) ? raw.disabledSites.filter((s): s is string => typeof s === 'string') : [],
  };
}
