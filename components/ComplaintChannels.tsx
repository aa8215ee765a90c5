/** The official complaint channels a registry lists (12315 and the like), as links where they have one. */
import { pick, type Locale } from '../lib/i18n/locale';
import type { RegistryInfo } from '../lib/registry/schema';

export function ComplaintChannels({ channels, locale }: { channels: RegistryInfo['complaintChannels']; locale: Locale }) {
  return (
    <ul class="channels">
      {channels.map((c, i) => (
        <li key={i}>
          {c.url ? (
            <a href={c.url} target="_blank" rel="noopener noreferrer">
              {pick(c.name, locale)}
            </a>
          ) : (
            pick(c.name, locale)
          )}
          {c.phone ? ` · ${c.phone}` : ''}
        </li>
      ))}
    </ul>
  );
}
