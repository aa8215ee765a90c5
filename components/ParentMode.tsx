/**
 * Parent mode in the options page. Turning it on sets the PIN; everything else (turning it off,
 * its settings, a new PIN, cancelling a reset) is checked by the background with the PIN, which
 * also slows wrong guesses. This page never sees the hash, only the outcome.
 */
import { useState } from 'preact/hooks';
import type { ParentModeStatus, ParentSettings, PinOutcome } from '../lib/background/parent-mode';
import { formatInstant, type Locale } from '../lib/i18n/locale';
import { minorsTranslator, refusalText } from '../lib/i18n/minors';
import { parentModeTranslator } from '../lib/i18n/parent-mode';
import { PIN_PATTERN } from '../lib/minors/pin';

export interface ParentModeApi {
  enable(pin: string, settings: ParentSettings): Promise<PinOutcome>;
  disable(pin: string): Promise<PinOutcome>;
  update(pin: string, settings: ParentSettings): Promise<PinOutcome>;
  changePin(pin: string, newPin: string): Promise<PinOutcome>;
  requestReset(): Promise<ParentModeStatus>;
  cancelReset(pin: string): Promise<PinOutcome>;
}

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

function PinInput({ label, value: current, onInput, id }: { label: string; value: string; onInput(v: string): void; id: string }) {
  return (
    <p>
      <label for={id}>{label}</label>{' '}
      <input id={id} type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={current} onInput={(e) => onInput(value(e))} />
    </p>
  );
}

export function ParentMode({ locale, initial, api }: { locale: Locale; initial: ParentModeStatus; api: ParentModeApi }) {
  const t = parentModeTranslator(locale);
  const refusals = minorsTranslator(locale);
  const [status, setStatus] = useState(initial);
  const [settings, setSettings] = useState(initial.settings);
  const [pin, setPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [confirmPin, setConfirmPin] = useState('');
  const [message, setMessage] = useState('');

  /** A new PIN typed twice: an error message, or undefined when it may be sent. */
  const newPinProblem = () => (!PIN_PATTERN.test(newPin) ? t('parent.badPin') : newPin !== confirmPin ? t('parent.mismatch') : undefined);

  async function run(action: () => Promise<PinOutcome>) {
    const outcome = await action();
    setStatus(outcome.status);
    setSettings(outcome.status.settings);
    setPin('');
    if (outcome.ok) {
      setNewPin('');
      setConfirmPin('');
    }
    setMessage(outcome.ok ? t('parent.saved') : outcome.error === 'wrong-pin' || outcome.error === 'locked' ? refusalText(outcome.error, outcome.status.retryAfterMs, refusals) : '');
  }

  const withNewPin = (action: () => Promise<PinOutcome>) => {
    const problem = newPinProblem();
    if (problem) setMessage(problem);
    else void run(action);
  };

  const checkboxes = (
    <>
      <p>
        <label>
          <input type="checkbox" checked={settings.guardPurchases} onChange={(e) => setSettings({ ...settings, guardPurchases: checked(e) })} />{' '}
          {t('parent.guardPurchases')}
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" checked={settings.guardGifts} onChange={(e) => setSettings({ ...settings, guardGifts: checked(e) })} />{' '}
          {t('parent.guardGifts')}
        </label>
      </p>
    </>
  );

  return (
    <section aria-labelledby="parent-heading" data-parent-mode={status.enabled ? 'on' : 'off'}>
      <h2 id="parent-heading">{t('parent.heading')}</h2>
      <p>{t('parent.explain')}</p>
      <p>
        <strong>{status.enabled ? t('parent.on') : t('parent.off')}</strong>
      </p>
      {status.lastReset !== undefined && !status.enabled ? <p role="note">{t('parent.wasReset', { date: formatInstant(new Date(status.lastReset).toISOString(), locale) })}</p> : null}
      {status.enabled ? (
        <form onSubmit={(e) => e.preventDefault()}>
          {status.resetAt !== undefined ? (
            <p role="note">{t('parent.resetPending', { date: formatInstant(new Date(status.resetAt).toISOString(), locale) })}</p>
          ) : null}
          <PinInput id="parent-pin" label={t('parent.pin')} value={pin} onInput={setPin} />
          {checkboxes}
          <p>
            <button type="button" onClick={() => void run(() => api.update(pin, settings))}>
              {t('parent.saveSettings')}
            </button>{' '}
            <button type="button" onClick={() => void run(() => api.disable(pin))}>
              {t('parent.turnOff')}
            </button>
            {status.resetAt !== undefined ? (
              <>
                {' '}
                <button type="button" onClick={() => void run(() => api.cancelReset(pin))}>
                  {t('parent.cancelReset')}
                </button>
              </>
            ) : null}
          </p>
          <fieldset>
            <legend>{t('parent.changePin')}</legend>
            <PinInput id="parent-new-pin" label={t('parent.newPin')} value={newPin} onInput={setNewPin} />
            <PinInput id="parent-confirm-pin" label={t('parent.confirmPin')} value={confirmPin} onInput={setConfirmPin} />
            <button type="button" onClick={() => withNewPin(() => api.changePin(pin, newPin))}>
              {t('parent.changePin')}
            </button>
          </fieldset>
          {status.resetAt === undefined ? (
            <details>
              <summary>{t('parent.forgot')}</summary>
              <p>{t('parent.forgotExplain')}</p>
              <button type="button" onClick={async () => setStatus(await api.requestReset())}>
                {t('parent.requestReset')}
              </button>
            </details>
          ) : null}
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            withNewPin(() => api.enable(newPin, settings));
          }}
        >
          <PinInput id="parent-new-pin" label={t('parent.newPin')} value={newPin} onInput={setNewPin} />
          <PinInput id="parent-confirm-pin" label={t('parent.confirmPin')} value={confirmPin} onInput={setConfirmPin} />
          {checkboxes}
          <button type="submit">{t('parent.turnOn')}</button>
        </form>
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
