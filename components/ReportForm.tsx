/** The report form: product, reason, description, what the page told us (each removable), screenshot, contact, good faith. */
import { useState } from 'preact/hooks';
import { formatInstant, formatPrice, pick, type Locale } from '../lib/i18n/locale';
import { reportsTranslator } from '../lib/i18n/reports';
import type { PageIdentity } from '../lib/identity';
import type { RegistryInfo } from '../lib/registry/schema';
import { REPORT_REASONS, type ReportDraftInput, type ReportReasonId } from '../lib/reports/schema';
import type { EvidenceEntry } from '../lib/evidence/schema';
import { ComplaintChannels } from './ComplaintChannels';
import { EvidenceAttachment } from './EvidenceAttachment';

export interface ReportFormProps {
  locale: Locale;
  identity: PageIdentity;
  pageUrl?: string;
  seenAt: string;
  screenshot?: string;
  /** Where the registry says complaints go, shown when it takes no reports online. */
  complaintChannels: RegistryInfo['complaintChannels'];
  hasEndpoint: boolean;
  /** The viewer's evidence log entries for this room, offered for attaching (none: no offer). */
  evidence?: EvidenceEntry[];
  /** Where the form starts, when opened from a known suspicion; the viewer can change both. */
  reasonId?: ReportReasonId;
  description?: string;
  /** Resolves with the stored report's state, or an error to show. */
  onSubmit(draft: ReportDraftInput): Promise<{ state?: string; error?: string }>;
}

type ContextKey = 'room' | 'anchor' | 'shop' | 'pageUrl' | 'seenAt';

export function ReportForm(props: ReportFormProps) {
  const { locale, identity } = props;
  const t = reportsTranslator(locale);
  const detected = identity.products;
  const [picked, setPicked] = useState(detected.length ? '0' : '');
  const [typed, setTyped] = useState('');
  const [price, setPrice] = useState('');
  const [reasonId, setReasonId] = useState<ReportReasonId>(props.reasonId ?? 'counterfeit');
  const [description, setDescription] = useState(props.description ?? '');
  const [screenshot, setScreenshot] = useState(props.screenshot);
  const [contact, setContact] = useState({ name: '', email: '', phone: '' });
  const [goodFaith, setGoodFaith] = useState(false);
  const [message, setMessage] = useState('');
  const [evidence, setEvidence] = useState<EvidenceEntry[]>([]);
  const anchorId = identity.accounts.find((a) => a.role === 'anchor')?.accountId;
  const shopId = identity.accounts.find((a) => a.role === 'shop')?.accountId;
  const contextValues: Partial<Record<ContextKey, string>> = {
    room: identity.roomIds.length ? `${identity.platform} ${identity.roomIds.join(', ')}` : undefined,
    anchor: [identity.anchorName, anchorId].filter(Boolean).join(' · ') || undefined,
    shop: [identity.shopName, shopId].filter(Boolean).join(' · ') || undefined,
    pageUrl: props.pageUrl,
    seenAt: formatInstant(props.seenAt, locale),
  };
  const [included, setIncluded] = useState<Record<ContextKey, boolean>>({ room: true, anchor: true, shop: true, pageUrl: true, seenAt: true });

  const submit = async (e: Event) => {
    e.preventDefault();
    const product = picked !== '' && !typed.trim() ? detected[Number(picked)] : { title: typed.trim(), price: price.trim() || undefined };
    const optional = (value: string) => value.trim() || undefined;
    const party = (name?: string, accountId?: string) => (name || accountId ? { name, accountId } : undefined);
    const draft: ReportDraftInput = {
      product: product ?? { title: '' },
      reasonId,
      description,
      screenshot,
      contact: contact.name || contact.email || contact.phone
        ? { name: optional(contact.name), email: optional(contact.email), phone: optional(contact.phone) }
        : undefined,
      goodFaith: goodFaith as true,
      evidence: evidence.length ? evidence : undefined,
      context: {
        platform: included.room ? identity.platform : undefined,
        roomIds: included.room && identity.roomIds.length ? identity.roomIds : undefined,
        anchor: included.anchor ? party(identity.anchorName, anchorId) : undefined,
        shop: included.shop ? party(identity.shopName, shopId) : undefined,
        pageUrl: included.pageUrl ? props.pageUrl : undefined,
        seenAt: included.seenAt ? props.seenAt : undefined,
      },
    };
    const result = await props.onSubmit(draft);
    setMessage(result.error ? t('report.invalid', { message: result.error }) : t('report.saved', { state: t(`state.${result.state}` as 'state.queued') }));
  };

  return (
    <form onSubmit={submit} class="report">
      <h1>{t('report.title')}</h1>
      <p class="trust">{t('report.trust')}</p>
      <fieldset>
        <legend>{t('report.product')}</legend>
        {detected.length ? (
          <p>
            <label for="product-pick">{t('report.productPick')}</label>
            <br />
            <select id="product-pick" value={picked} onChange={(e) => setPicked((e.currentTarget as HTMLSelectElement).value)}>
              {detected.map((p, i) => (
                <option key={i} value={String(i)}>
                  {p.title}
                  {p.price ? ` · ${formatPrice(p.price, locale)}` : ''}
                </option>
              ))}
            </select>
          </p>
        ) : null}
        <p>
          <label for="product-typed">{t('report.productTyped')}</label>
          <br />
          <input id="product-typed" size={50} value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
        </p>
        <p>
          <label for="product-price">{t('report.price')}</label>{' '}
          <input id="product-price" size={12} value={price} onInput={(e) => setPrice((e.currentTarget as HTMLInputElement).value)} />
        </p>
      </fieldset>
      <p>
        <label for="reason">{t('report.reason')}</label>
        <br />
        <select id="reason" value={reasonId} onChange={(e) => setReasonId((e.currentTarget as HTMLSelectElement).value as ReportReasonId)}>
          {REPORT_REASONS.map((r) => (
            <option key={r.id} value={r.id}>
              {pick(r.label, locale)}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="description">{t('report.description')}</label>
        <br />
        <textarea id="description" rows={5} cols={60} value={description} onInput={(e) => setDescription((e.currentTarget as HTMLTextAreaElement).value)} />
      </p>
      <fieldset>
        <legend>{t('report.context')}</legend>
        {(Object.keys(contextValues) as ContextKey[])
          .filter((k) => contextValues[k])
          .map((k) => (
            <p key={k}>
              <label>
                <input
                  type="checkbox"
                  name={`context-${k}`}
                  checked={included[k]}
                  onChange={(e) => setIncluded({ ...included, [k]: (e.currentTarget as HTMLInputElement).checked })}
                />{' '}
                {t(`report.ctx.${k}`, { value: contextValues[k]! })}
              </label>
            </p>
          ))}
      </fieldset>
      <EvidenceAttachment locale={locale} available={props.evidence ?? []} attached={evidence} onChange={setEvidence} />
      <fieldset>
        <legend>{t('report.screenshot')}</legend>
        {screenshot ? (
          <>
            <img src={screenshot} alt={t('report.screenshot')} class="screenshot" />
            <br />
            <button type="button" onClick={() => setScreenshot(undefined)}>
              {t('report.screenshotRemove')}
            </button>
          </>
        ) : (
          <p>{t('report.screenshotHint')}</p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('report.contact')}</legend>
        {(['name', 'email', 'phone'] as const).map((k) => (
          <p key={k}>
            <label for={`contact-${k}`}>{t(`report.${k}`)}</label>{' '}
            <input
              id={`contact-${k}`}
              type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
              value={contact[k]}
              onInput={(e) => setContact({ ...contact, [k]: (e.currentTarget as HTMLInputElement).value })}
            />
          </p>
        ))}
      </fieldset>
      <p>
        <label>
          <input type="checkbox" checked={goodFaith} onChange={(e) => setGoodFaith((e.currentTarget as HTMLInputElement).checked)} />{' '}
          {t('report.goodFaith')}
        </label>
      </p>
      <button type="submit">{t('report.send')}</button>
      <p role="status" class="report-status">
        {message}
      </p>
      {props.hasEndpoint ? null : (
        <div class="channels">
          <p>{t('report.noEndpoint')}</p>
          <ComplaintChannels channels={props.complaintChannels} locale={locale} />
        </div>
      )}
      <p>
        <a href="./reports.html">{t('report.myReports')}</a>
      </p>
    </form>
  );
}
