/**
 * The last verdict shown in each tab, for the popup. Kept in storage.session so a restarted
 * service worker still knows it, and gone when the browser closes.
 */
import { browser } from 'wxt/browser';
import type { PageIdentity } from '../identity';
import type { RoomVerdict } from '../messages';

export interface TabVerdict {
  identity: PageIdentity;
  verdict: RoomVerdict;
}

const key = (tabId: number) => `tab.${tabId}`;

export async function rememberTabVerdict(tabId: number, entry: TabVerdict | null): Promise<void> {
  if (entry) await browser.storage.session.set({ [key(tabId)]: entry });
  else await browser.storage.session.remove(key(tabId));
}

export async function tabVerdict(tabId: number): Promise<TabVerdict | null> {
  const stored = await browser.storage.session.get(key(tabId));
  return (stored[key(tabId)] as TabVerdict | undefined) ?? null;
}

/** Tabs that show a verdict now: after a registry update they are told to ask again. */
export async function tabsWithVerdicts(): Promise<number[]> {
  const stored = await browser.storage.session.get(null);
  return Object.keys(stored).flatMap((k) => (k.startsWith('tab.') ? [Number(k.slice(4))] : []));
}

/** Tells every tab showing a verdict to ask again (the registry or parent mode changed). */
export async function askTabsAgain(): Promise<void> {
  for (const tabId of await tabsWithVerdicts()) {
    void browser.tabs.sendMessage(tabId, { type: 'registry/changed' }).catch(() => undefined);
  }
}
