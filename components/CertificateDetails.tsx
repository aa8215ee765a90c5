/** The certificate details page body: everything the registry says about a room, and what to do next. */
import { formatDay, pick, type Locale } from '../lib/i18n/locale';
import { reasonText, statusText, translator } from '../lib/i18n/verdict-text';
import type { Details } from '../lib/messages';
import type { Anchor, BlacklistEntry, Company, PlatformAccount } from '../lib/registry/schema';
import { localDay } from '../lib/verdict/dates';
import { toneOf } from '../lib/verdict/tone';
import { AuditTimeline } from './AuditTimeline';
import { PossibleMatches, type PossibleMatchesProps } from './PossibleMatches';
import { ComplaintChannels } from './ComplaintChannels';
import { pagesTranslator } from './RegistryStatusCard';

type T = ReturnType<typeof pagesTranslator>;

export interface CertificateDetailsProps {
  details: Details;
  locale: Locale;
  now: Date;
  platformLabel(id: string): string;
  /** The report form for this room (an extension page, like this one). */
  reportUrl?: string;
  /** The report form pre-filled for a possible match. */
  matchReportUrl?: PossibleMatchesProps['reportUrl'];
  onDismiss?: PossibleMatchesProps['onDismiss'];
}

/** Registry colours are arbitrary: they mark a swatch, never sit behind text. */
function GradeChip({ colour, label }: { colour?: string; label: string }) {
  return (
    <span class="grade">
      {colour ? <span class="swatch" style={{ background: colour }} aria-hidden="true" /> : null}
      {label}
    </span>
  );
}

function Field({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Accounts({ accounts, t, platformLabel }: { accounts: PlatformAccount[]; t: T; platformLabel: (id: string) => string }) {
  return (
    <table class="accounts">
      <thead>
        <tr>
          <th scope="col">{t('details.platform')}</th>
          <th scope="col">{t('details.account')}</th>
          <th scope="col">{t('details.name')}</th>
          <th scope="col">{t('details.role')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={`${a.platform}:${a.accountId}`}>
            <td>{platformLabel(a.platform)}</td>
            <td>
              <code>{a.accountId}</code>
            </td>
            <td>{a.displayName ?? '—'}</td>
            <td>
              {t(a.role === 'shop' ? 'details.role.shop' : 'details.role.anchor')}
              {a.virtual ? ` · ${t('details.virtual')}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CompanySection({ company, props }: { company: Company; props: CertificateDetailsProps }) {
  const { details, locale, now, platformLabel } = props;
  const t = pagesTranslator(locale);
  const registry = details.registry;
  const certificate = [...company.certificates].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0];
  const grade = registry?.gradeScale.find((g) => g.id === certificate?.grade);
  const today = localDay(now, registry?.info.utcOffset ?? '+08:00');
  const verifyUrl = certificate && registry?.info.verifyUrl?.replace('{number}', encodeURIComponent(certificate.number));
  return (
    <section aria-labelledby="company-heading">
      <h2 id="company-heading">{t('details.company')}</h2>
      <p class="company-name">{company.name}</p>
      <dl>
        {company.uscc ? <Field label={t('details.uscc')}>{<code>{company.uscc}</code>}</Field> : null}
      </dl>
      {certificate ? (
        <>
          <h3>{t('details.certificate')}</h3>
          <dl class="certificate">
            <Field label={t('details.number')}>
              <code>{certificate.number}</code>
            </Field>
            <Field label={t('details.scheme')}>{certificate.scheme}</Field>
            <Field label={t('details.issuer')}>{certificate.issuer}</Field>
            <Field label={t('details.grade')}>
              <GradeChip colour={grade?.colour} label={grade ? pick(grade.label, locale) : certificate.grade} />
              {grade?.meaning ? ` — ${pick(grade.meaning, locale)}` : ''}
            </Field>
            <Field label={t('details.issuedOn')}>{formatDay(certificate.issuedOn, locale)}</Field>
            <Field label={t('details.expiresOn')}>{formatDay(certificate.expiresOn, locale)}</Field>
            <Field label={t('details.status')}>
              <span data-cert-status={certificate.status}>{translator(locale)(`certStatus.${certificate.status}`)}</span>
              {certificate.statusSince ? ` (${t('details.statusSince', { date: formatDay(certificate.statusSince, locale) })})` : ''}
              {certificate.statusReason ? ` — ${pick(certificate.statusReason, locale)}` : ''}
            </Field>
            {certificate.scope ? <Field label={t('details.scope')}>{certificate.scope}</Field> : null}
          </dl>
          {registry ? (
            <div class="scale">
              <h4>{t('details.scale')}</h4>
              <ol>
                {registry.gradeScale.map((g) => (
                  <li key={g.id} aria-current={g.id === certificate.grade ? 'true' : undefined}>
                    <GradeChip colour={g.colour} label={pick(g.label, locale)} />
                    {g.meaning ? ` — ${pick(g.meaning, locale)}` : ''}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          <h3>{t('details.audits')}</h3>
          {certificate.audits.length === 0 ? <p>{t('details.auditsNone')}</p> : null}
          <AuditTimeline certificate={certificate} today={today} locale={locale} />
          {verifyUrl ? (
            <p>
              <a href={verifyUrl} target="_blank" rel="noopener noreferrer">
                {t('details.verify', { number: certificate.number })}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      <h3>{t('details.accounts')}</h3>
      <Accounts accounts={company.accounts} t={t} platformLabel={platformLabel} />
    </section>
  );
}

function BlacklistRecord({ entry, locale }: { entry: BlacklistEntry; locale: Locale }) {
  const t = pagesTranslator(locale);
  const tv = translator(locale);
  return (
    <article class="listing" data-entry={entry.id}>
      <h3>
        {entry.names.join(' / ')} <small>({t(`details.kind.${entry.kind}`)})</small>
      </h3>
      <dl>
        {entry.aliases.length ? <Field label={t('details.aliases')}>{entry.aliases.join(' / ')}</Field> : null}
        {entry.accounts.length ? (
          <Field label={t('details.account')}>{entry.accounts.map((a) => `${a.platform}: ${a.accountId}`).join(', ')}</Field>
        ) : null}
        <Field label={t('details.reasons')}>{entry.reasons.map((r) => pick(r, locale)).join(tv('list.separator'))}</Field>
        {entry.measures.length ? (
          <Field label={t('details.measures')}>{entry.measures.map((m) => tv(`measure.${m}`)).join(tv('list.separator'))}</Field>
        ) : null}
        <Field label={t('details.listedOn')}>{formatDay(entry.listedOn, locale)}</Field>
        <Field label={t('details.until')}>{entry.until ? formatDay(entry.until, locale) : t('details.indefinite')}</Field>
        <Field label={t('details.authority')}>{entry.authority}</Field>
        {entry.reference ? <Field label={t('details.reference')}>{entry.reference}</Field> : null}
      </dl>
    </article>
  );
}

function AnchorsSection({ anchors, props }: { anchors: Anchor[]; props: CertificateDetailsProps }) {
  const t = pagesTranslator(props.locale);
  return (
    <section aria-labelledby="anchors-heading">
      <h2 id="anchors-heading">{t('details.anchors')}</h2>
      {anchors.map((a) => (
        <div key={a.id}>
          <p>{a.name}</p>
          <Accounts accounts={a.accounts} t={t} platformLabel={props.platformLabel} />
        </div>
      ))}
    </section>
  );
}

export function CertificateDetails(props: CertificateDetailsProps) {
  const { details, locale, platformLabel } = props;
  const t = pagesTranslator(locale);
  const tv = translator(locale);
  const { verdict, identity, registry } = details;
  const names = [identity.anchorName, identity.shopName, ...identity.accounts.map((a) => a.accountId)].filter(Boolean).join(' · ');
  return (
    <>
      <header>
        <h1>{t('details.title')}</h1>
        <p class="trust">{t('details.trust')}</p>
      </header>
      <section aria-labelledby="verdict-heading" class="verdict" data-status={verdict.status} data-tone={toneOf(verdict.status)}>
        <h2 id="verdict-heading">
          {t('details.verdict')}: {statusText(verdict.status, tv)}
        </h2>
        <p>{t('details.room', { platform: platformLabel(identity.platform), names })}</p>
        <ul>
          {verdict.reasons.map((r, i) => (
            <li key={i} data-reason={r.code}>
              {reasonText(r, verdict, locale)}
            </li>
          ))}
        </ul>
        {props.reportUrl ? (
          <p>
            <a class="report-link" href={props.reportUrl}>
              {tv('overlay.report')}
            </a>
          </p>
        ) : null}
      </section>
      <PossibleMatches
        verdict={verdict}
        platform={identity.platform}
        locale={locale}
        platformLabel={platformLabel}
        onDismiss={props.onDismiss}
        reportUrl={props.matchReportUrl}
      />
      {details.companies.length ? (
        details.companies.map((c) => <CompanySection key={c.id} company={c} props={props} />)
      ) : (
        <p>{t('details.noCompany')}</p>
      )}
      {details.anchors.length ? <AnchorsSection anchors={details.anchors} props={props} /> : null}
      <section aria-labelledby="blacklist-heading">
        <h2 id="blacklist-heading">{t('details.blacklist')}</h2>
        {details.blacklist.length ? (
          details.blacklist.map((b) => <BlacklistRecord key={b.id} entry={b} locale={locale} />)
        ) : (
          <p>{t('details.blacklistNone')}</p>
        )}
      </section>
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('details.contact')}</h2>
        <ol>
          <li>{t('details.contactSeller')}</li>
          <li>{t('details.contactJoint')}</li>
          {registry?.info.complaintChannels.length ? (
            <li>
              {t('details.contactChannels')}
              <ComplaintChannels channels={registry.info.complaintChannels} locale={locale} />
            </li>
          ) : null}
        </ol>
      </section>
      {registry ? (
        <footer>
          <p>
            {pick(registry.info.name, locale)} · v{registry.version} · {registry.info.operator}
          </p>
          <p>{t('details.signature', { keyids: registry.trustedKeyids.map((k) => k.slice(0, 16)).join(', ') })}</p>
        </footer>
      ) : null}
    </>
  );
}
