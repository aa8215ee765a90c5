/**
 * Shows the purchase guard over the page: a closed shadow root holding an iframe of the
 * extension's guard page, where the PIN is typed out of the page's reach. Resolves true only
 * when the background says the PIN was accepted for this click's ticket.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { guardFrameUrl, newGuardTicket } from '../lib/guard-frame';
import type { GuardAnswer } from '../lib/messages';
import type { GuardReason } from './GuardDialog';

const FRAME_CSS = 'iframe { position: fixed; inset: 0; width: 100%; height: 100%; border: 0; background: transparent; color-scheme: light; }';

/** `title` names the frame for screen readers; the dialog inside has its own labels. */
export async function askParent(ctx: ContentScriptContext, reason: GuardReason, title: string, returnFocus: Element): Promise<boolean> {
  const ticket = newGuardTicket();
  let finish: (unlocked: boolean) => void = () => undefined;
  const answered = new Promise<boolean>((resolve) => (finish = resolve));
  // Only the extension can message a content script: the page cannot fake this answer.
  const onAnswer = (message: unknown) => {
    const answer = message as Partial<GuardAnswer> | null;
    if (answer?.type === 'guard/answer' && answer.ticket === ticket) finish(answer.unlocked === true);
  };
  browser.runtime.onMessage.addListener(onAnswer);
  ctx.onInvalidated(() => finish(false));

  const frame = document.createElement('iframe');
  frame.title = title;
  frame.src = guardFrameUrl(browser.runtime.getURL('/guard.html'), { ticket, reason });
  let loads = 0;
  frame.addEventListener('load', () => {
    // A second load means someone navigated the frame (a page may navigate frames inside it):
    // close rather than show what it loaded.
    if (++loads > 1) finish(false);
    else frame.focus(); // the guard page then focuses its PIN field
  });
  const ui = await createShadowRootUi(ctx, {
    name: 'liveseal-guard',
    mode: 'closed',
    css: FRAME_CSS,
    position: 'modal',
    zIndex: 2147483647,
    anchor: document.body,
    append: 'last',
    onMount: (container) => container.append(frame),
  });
  ui.mount();
  const unlocked = await answered;
  browser.runtime.onMessage.removeListener(onAnswer);
  // Focus back to the page before the frame goes: the key that closed the dialog (Esc, Enter)
  // may still be going up, and must not be sent to a frame being destroyed.
  (returnFocus as HTMLElement).focus?.();
  ui.remove();
  return unlocked;
}
