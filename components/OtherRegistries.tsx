/** Registries the viewer added beside the built-in one: list, add (with their keys), remove. */
import { useState } from 'preact/hooks';
import { pick, type Locale } from '../lib/i18n/locale';
import type { RegistryStatus } from '../lib/messages';
import type { ExtraRegistry } from '../lib/settings';
import { pagesTranslator } from './RegistryStatusCard';

export interface OtherRegistriesProps {
  locale: Locale;
  others: RegistryStatus['others'];
  /** Resolves with an error message when the input was not valid. */
  onAdd(registry: Omit<ExtraRegistry, 'threshold'>): Promise<string | undefined>;
  onRemove(id: string): Promise<void>;
}

export function OtherRegistries({ locale, others, onAdd, onRemove }: OtherRegistriesProps) {
  const t = pagesTranslator(locale);
  const [id, setId] = useState('');
  const [url, setUrl] = useState('');
  const [keys, setKeys] = useState('');
  const [message, setMessage] = useState('');

  const add = async (e: Event) => {
    e.preventDefault();
    let parsedKeys: unknown;
    try {
      parsedKeys = JSON.parse(keys);
    } catch {
      setMessage(t('options.invalid', { message: t('others.badKeys') }));
      return;
    }
    const error = await onAdd({ id: id.trim(), source: { snapshotUrl: url.trim() }, keys: parsedKeys as ExtraRegistry['keys'] });
    setMessage(error ? t('options.invalid', { message: error }) : t('options.saved'));
  };

  return (
    <section aria-labelledby="others-heading">
      <h2 id="others-heading">{t('others.heading')}</h2>
      <p>{t('others.explain')}</p>
      {others.length ? (
        <ul class="others">
          {others.map((o) => (
            <li key={o.registryId} data-registry={o.registryId}>
              <strong>{o.registryId}</strong>
              {' · '}
              {o.stored ? `${pick(o.stored.name, locale)} · v${o.stored.version}` : t('others.notYet')}{' '}
              <button type="button" onClick={() => void onRemove(o.registryId)}>
                {t('others.remove', { id: o.registryId })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('others.none')}</p>
      )}
      <form onSubmit={add}>
        <p>
          <label for="other-id">{t('others.id')}</label>
          <br />
          <input id="other-id" value={id} pattern="[a-z0-9][a-z0-9-]*" onInput={(e) => setId((e.currentTarget as HTMLInputElement).value)} />
        </p>
        <p>
          <label for="other-url">{t('others.snapshotUrl')}</label>
          <br />
          <input id="other-url" type="url" size={60} value={url} onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
        </p>
        <p>
          <label for="other-keys">{t('others.keys')}</label>
          <br />
          <textarea id="other-keys" rows={4} cols={60} value={keys} onInput={(e) => setKeys((e.currentTarget as HTMLTextAreaElement).value)} />
        </p>
        <button type="submit">{t('others.add')}</button>
        <p role="status">{message}</p>
      </form>
    </section>
  );
}
