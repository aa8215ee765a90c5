/** The background's side of the purchase guard: it tells the tab what the guard frame decided. */
import { browser, type Browser } from 'wxt/browser';
import type { GuardAnswer } from '../messages';

/**
 * To the content script of the frame's tab (the top frame: content scripts run only there);
 * it lets the stopped click with this ticket through once when `unlocked`.
 */
export async function answerGuard(sender: Browser.runtime.MessageSender, ticket: string, unlocked: boolean): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('the guard frame is not in a tab');
  const answer: GuardAnswer = { type: 'guard/answer', ticket, unlocked };
  await browser.tabs.sendMessage(tabId, answer, { frameId: 0 });
}
