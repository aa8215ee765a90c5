/**
 * Possible matches the viewer dismissed ("not the same seller"), per page account, in
 * storage.local: they stay on this computer and stop warning only on that account.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { DismissedMatch } from '../verdict/types';

export const DISMISSED_KEY = 'resemblance.dismissed';
/** Far more than a viewer dismisses; the oldest go first beyond it. */
const MAX_DISMISSED = 1000;

const same = (a: DismissedMatch, b: DismissedMatch) =>
  a.platform === b.platform && a.accountId === b.accountId && a.entryId === b.entryId;

export async function dismissedMatches(): Promise<DismissedMatch[]> {
  const stored = await browser.storage.local.get(DISMISSED_KEY);
  const parsed = z.array(DismissedMatch).safeParse(stored[DISMISSED_KEY] ?? []);
  return parsed.success ? parsed.data : [];
}

/** Dismisses a possible match for one account, or undoes that. */
export async function setDismissed(match: DismissedMatch, dismissed: boolean): Promise<void> {
  const others = (await dismissedMatches()).filter((d) => !same(d, match));
  const next = dismissed ? [...others, match].slice(-MAX_DISMISSED) : others;
  await browser.storage.local.set({ [DISMISSED_KEY]: next });
}
