/**
 * The toolbar button's API: `action` in MV3 (Chromium), `browserAction` in the MV2 Firefox
 * build. Both have the same badge and title methods, so the handlers use this one name.
 */
import { browser } from 'wxt/browser';

type ToolbarButton = typeof browser.action;

export function toolbarButton(): ToolbarButton {
  return browser.action ?? (browser as unknown as { browserAction: ToolbarButton }).browserAction;
}
