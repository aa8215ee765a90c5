/** Where registry updates come from, how often, "check now", and what recent checks found. */
import { useState } from 'preact/hooks';
import type { UpdateLogEntry } from '../lib/background/updates';
import { formatInstant, type Locale } from '../lib/i18n/locale';
import type { RegistrySource } from '../lib/settings';
import { pagesTranslator } from './RegistryStatusCard';

export interface UpdatesSectionProps {
  locale: Locale;
  source: RegistrySource | undefined;
  intervalHours: number;
  log: UpdateLogEntry[];
  /** Resolves with an error message when the input was not valid. */
  onSave(source: RegistrySource | undefined, intervalHours: number): Promise<string | undefined>;
  onCheckNow(): Promise<void>;
}

function logLine(entry: UpdateLogEntry, locale: Locale, t: ReturnType<typeof pagesTranslator>): string {
  const at = formatInstant(entry.at, locale);
  switch (entry.status) {
    case 'installed':
      return t('update.installed', { at, version: entry.version ?? '?', via: entry.via ?? '' });
    case 'refused':
      return t('update.refused', { at, code: entry.code ?? '', message: entry.message ?? '' });
    default:
      return t(`update.${entry.status}`, { at });
  }
}

export function UpdatesSection(props: UpdatesSectionProps) {
  const { locale, log } = props;
  const t = pagesTranslator(locale);
  const [snapshotUrl, setSnapshotUrl] = useState(props.source?.snapshotUrl ?? '');
  const [deltaUrl, setDeltaUrl] = useState(props.source?.deltaUrl ?? '');
  const [keysetUrl, setKeysetUrl] = useState(props.source?.keysetUrl ?? '');
  const [hours, setHours] = useState(String(props.intervalHours));
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    const source = snapshotUrl.trim()
      ? { snapshotUrl: snapshotUrl.trim(), deltaUrl: deltaUrl.trim() || undefined, keysetUrl: keysetUrl.trim() || undefined }
      : undefined;
    const error = await props.onSave(source, Number(hours));
    setMessage(error ? t('options.invalid', { message: error }) : t('options.saved'));
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void, type = 'url') => (
    <p>
      <label for={id}>{label}</label>
      <br />
      <input id={id} type={type} value={value} size={60} onInput={(e) => set((e.currentTarget as HTMLInputElement).value)} />
    </p>
  );

  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t('options.updates')}</h2>
      {props.source ? null : <p>{t('options.noSource')}</p>}
      <form onSubmit={save}>
        {field('snapshot-url', t('options.snapshotUrl'), snapshotUrl, setSnapshotUrl)}
        {field('delta-url', t('options.deltaUrl'), deltaUrl, setDeltaUrl, 'text')}
        {field('keyset-url', t('options.keysetUrl'), keysetUrl, setKeysetUrl, 'text')}
        <p>
          <label for="interval">{t('options.interval')}</label>{' '}
          <input id="interval" type="number" min={1} max={168} value={hours} onInput={(e) => setHours((e.currentTarget as HTMLInputElement).value)} />
        </p>
        <button type="submit">{t('options.save')}</button>{' '}
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await props.onCheckNow().finally(() => setBusy(false));
          }}
        >
          {t('options.checkNow')}
        </button>
        <p role="status">{message}</p>
      </form>
      {log.length ? (
        <>
          <h3>{t('options.log')}</h3>
          <ul class="update-log">
            {log.map((entry, i) => (
              <li key={i} data-status={entry.status} data-code={entry.code}>
                {logLine(entry, locale, t)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
