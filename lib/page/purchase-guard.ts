/**
 * Parent mode's purchase guard in the content script: a capture-phase click listener that stops
 * buy clicks on restricted products and gift/tip clicks (as the background's notice says) before
 * the page sees them, asks for the PIN in the extension's dialog, and on success lets the same
 * click go through once.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { GuardReason } from '../../components/GuardDialog';
import type { MinorsNotice } from '../minors/restricted-products';
import type { PurchaseControls } from '../platforms/types';

const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Why a click on `target` must wait for the PIN, or undefined when it may go on. */
export function guardReason(target: Element, controls: PurchaseControls, notice: MinorsNotice | undefined): { button: Element; reason: GuardReason } | undefined {
  if (!notice) return undefined;
  const gift = controls.giftButton ? target.closest(controls.giftButton) : null;
  if (gift && notice.guard.gifts) return { button: gift, reason: { kind: 'gift' } };
  const buy = target.closest(controls.buyButton);
  if (!buy || !notice.guard.purchases || notice.products.length === 0) return undefined;
  const title = squeeze(buy.closest(controls.product)?.querySelector(controls.productTitle)?.textContent);
  const product = notice.products.find((p) => squeeze(p.title) === title);
  // A buy button whose product cannot be told on a page with restricted products is stopped too.
  if (product || !title) return { button: buy, reason: { kind: 'purchase', product } };
  return undefined;
}

export interface PurchaseGuard {
  /** The latest notice of the room on screen (undefined: parent mode off, or no room). */
  setNotice(notice: MinorsNotice | undefined): void;
}

export function installPurchaseGuard(
  ctx: ContentScriptContext,
  controls: PurchaseControls,
  ask: (reason: GuardReason, returnFocus: Element) => Promise<boolean>,
): PurchaseGuard {
  let notice: MinorsNotice | undefined;
  let allowOnce: Element | undefined;
  let asking = false;
  ctx.addEventListener(
    window,
    'click',
    (event) => {
      const target = event.composedPath()[0];
      if (!(target instanceof Element)) return;
      const guarded = guardReason(target, controls, notice);
      if (!guarded) return;
      if (allowOnce === guarded.button) {
        allowOnce = undefined;
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (asking) return;
      asking = true;
      void ask(guarded.reason, guarded.button).then((unlocked) => {
        asking = false;
        if (!unlocked || !guarded.button.isConnected) return;
        allowOnce = guarded.button;
        (guarded.button as HTMLElement).click();
      });
    },
    { capture: true },
  );
  return { setNotice: (next) => void (notice = next) };
}
