/**
 * The purchase guard's dialog, drawn in the extension's guard frame (entrypoints/guard), where
 * the page cannot see the keys typed: says why the click was stopped and asks for the parent's
 * PIN, which the background checks. Modal: focus stays inside (Tab wraps), Esc cancels.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PinOutcome } from '../lib/background/parent-mode';
import { pick, type Locale } from '../lib/i18n/locale';
import { minorsTranslator, refusalText } from '../lib/i18n/minors';
import type { RestrictedProduct } from '../lib/minors/restricted-products';
import { unlocks } from '../lib/guard-frame';

/** Why a click was stopped: a restricted product's buy button (its product when known), or a gift. */
export type GuardReason = { kind: 'purchase'; product?: RestrictedProduct } | { kind: 'gift' };

export interface GuardDialogProps {
  locale: Locale;
  reason: GuardReason;
  /** Checks the PIN; when it unlocks, the background tells the content script, which closes the frame. */
  unlock(pin: string): Promise<PinOutcome>;
  cancel(): void;
}

function reasonText(reason: GuardReason, locale: Locale, t: ReturnType<typeof minorsTranslator>): string {
  if (reason.kind === 'gift') return t('guard.gift');
  const product = reason.product;
  if (!product) return t('minors.heading');
  const categories = product.categories.map((c) => pick(c.label, locale)).join(locale === 'zh-CN' ? '、' : ', ');
  return t('guard.purchase', { title: product.title, categories });
}

export function GuardDialog({ locale, reason, unlock, cancel }: GuardDialogProps) {
  const t = minorsTranslator(locale);
  const dialog = useRef<HTMLDivElement>(null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => dialog.current?.querySelector('input')?.focus(), []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('input, button:not([disabled])')];
    const active = (dialog.current.getRootNode() as Document).activeElement;
    const edge = e.shiftKey ? focusable[0] : focusable[focusable.length - 1];
    if (active === edge || !focusable.includes(active as HTMLElement)) {
      e.preventDefault();
      (e.shiftKey ? focusable[focusable.length - 1] : focusable[0])?.focus();
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage(t('guard.checking'));
    const outcome = await unlock(pin).catch(() => undefined);
    setPin('');
    if (outcome && unlocks(outcome)) return; // the frame closes
    setBusy(false);
    setMessage(outcome && !outcome.ok && (outcome.error === 'wrong-pin' || outcome.error === 'locked') ? refusalText(outcome.error, outcome.status.retryAfterMs, t) : t('wrong-pin'));
    dialog.current?.querySelector('input')?.focus();
  }

  return (
    <div class="backdrop" lang={locale}>
      {/* Esc cancels on its release: the frame closes after the key is done, not between its down and up. */}
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="lsg-title"
        aria-describedby="lsg-why"
        ref={dialog}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => e.key === 'Escape' && cancel()}
      >
        <h2 id="lsg-title">
          <span aria-hidden="true">⚠ </span>
          {t('guard.title')}
        </h2>
        <p id="lsg-why">{reasonText(reason, locale, t)}</p>
        <p>{t('guard.askParent')}</p>
        <form onSubmit={submit}>
          <label for="lsg-pin">{t('guard.pin')}</label>
          <input
            id="lsg-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pin}
            onInput={(e) => setPin((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="message" role="alert">
            {message}
          </p>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('guard.continue')}
            </button>
            <button type="button" onClick={cancel}>
              {t('guard.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
