/**
 * The verdict rules: what a page identity means against the registry, on a given day. Pure: no
 * I/O and no clock (`now` is an input), so every rule is a table test away.
 */
import type { PageIdentity } from '../identity';
import { normalizeName } from '../names/normalize';
import { canWarn, RESEMBLANCE_THRESHOLD } from '../names/resemblance';
import type { Anchor, BlacklistEntry, Certificate, CertificateStatus, Company, PlatformId } from '../registry/schema';
import { addMonths, localDay } from './dates';
import {
  VERDICT_PRECEDENCE,
  type DismissedMatch,
  type Listing,
  type MatchConfidence,
  type ResemblanceReason,
  type Reason,
  type RegistryHeader,
  type RegistrySummary,
  type Verdict,
  type VerdictStatus,
} from './types';

export interface VerdictInput {
  identity: PageIdentity;
  registry: RegistryHeader | null;
  /**
   * Candidates a store lookup found. The lookup over-approximates (e.g. it also matches by
   * name), so these rules decide what really matches.
   */
  companies: Company[];
  anchors: Anchor[];
  blacklist: BlacklistEntry[];
  /** Listed names the page's anchor or shop name resembles, from the resemblance index. */
  resembling?: ResemblingName[];
  /** Possible matches the viewer dismissed, per account (only this page's accounts count). */
  dismissed?: DismissedMatch[];
  now: Date;
}

/** One hit of the resemblance index, with the blacklist entry it names. */
export interface ResemblingName {
  entry: BlacklistEntry;
  listedName: string;
  pageName: string;
  pageRole: 'anchor' | 'shop';
  score: number;
}

/** A reason, with the status it calls for when it decides one (a virtual anchor only informs). */
interface Finding {
  reason: Reason;
  status?: VerdictStatus;
}

/** The certificate a company's mark stands on, and what it says today. */
interface CompanyStanding {
  company: Company;
  certificate?: Certificate;
  finding?: Finding & { status: VerdictStatus };
}

/** Blacklist names shorter than this (after normalisation) match too much to warn about. */
const MIN_NAME_MATCH_LENGTH = 2;
const AUDIT_INTERVAL_MONTHS = 12;

/** 0 is the most severe. */
const severity = (status: VerdictStatus | undefined): number =>
  status === undefined ? VERDICT_PRECEDENCE.length : VERDICT_PRECEDENCE.indexOf(status);

const bySeverity = (a: { status?: VerdictStatus }, b: { status?: VerdictStatus }) => severity(a.status) - severity(b.status);

const latest = (days: string[]): string => days.reduce((a, b) => (b > a ? b : a));

// ── accounts ─────────────────────────────────────────────────────────────────────────────────

interface AccountRef {
  platform: PlatformId;
  accountId: string;
}

/** Exact account identity: same platform, same id. Names never count as identity. */
function pageHolds(identity: PageIdentity, account: AccountRef): boolean {
  return account.platform === identity.platform && identity.accounts.some((seen) => seen.accountId === account.accountId);
}

// ── blacklist ────────────────────────────────────────────────────────────────────────────────

function isActive(entry: BlacklistEntry, today: string): boolean {
  return entry.listedOn <= today && (entry.until === undefined || today <= entry.until);
}

function listing(entry: BlacklistEntry, listedName: string): Listing {
  return {
    entryId: entry.id,
    kind: entry.kind,
    listedName,
    reasons: entry.reasons,
    measures: entry.measures,
    authority: entry.authority,
    listedOn: entry.listedOn,
    until: entry.until,
    reference: entry.reference,
  };
}

function accountListing(identity: PageIdentity, entry: BlacklistEntry): Finding | undefined {
  const account = entry.accounts.find((a) => pageHolds(identity, a));
  if (!account) return undefined;
  return {
    status: 'blacklisted',
    reason: {
      code: 'blacklisted-account',
      ...listing(entry, entry.names[0] ?? entry.id),
      platform: account.platform,
      accountId: account.accountId,
    },
  };
}

interface PageName {
  raw: string;
  key: string;
}

/** The page's names that are specific enough to compare with listed names. */
function comparableNames(identity: PageIdentity): PageName[] {
  return [identity.anchorName, identity.shopName, identity.companyName]
    .filter((raw): raw is string => raw !== undefined)
    .map((raw) => ({ raw, key: normalizeName(raw) }))
    .filter(({ key }) => [...key].length >= MIN_NAME_MATCH_LENGTH);
}

/**
 * Same name is not same seller, so this is only ever a possible match; and short or generic
 * listed names (阿杰, 好物分享) never warn at all, however exactly they match.
 */
function nameListing(pageNames: PageName[], entry: BlacklistEntry): Finding | undefined {
  for (const listedName of [...entry.names, ...entry.aliases].filter(canWarn)) {
    const listedKey = normalizeName(listedName);
    const page = pageNames.find(({ key }) => key === listedKey);
    if (page) {
      return {
        status: 'possible-blacklist',
        reason: { code: 'blacklisted-name', ...listing(entry, listedName), pageName: page.raw },
      };
    }
  }
  return undefined;
}

function blacklistFindings(identity: PageIdentity, entries: BlacklistEntry[], today: string): Finding[] {
  const pageNames = comparableNames(identity);
  return entries
    .filter((entry) => isActive(entry, today))
    .flatMap((entry) => accountListing(identity, entry) ?? nameListing(pageNames, entry) ?? []);
}

/** Scores at or above this read "close"; 1 (equal skeletons) reads "same name". */
export const CLOSE_MATCH_SCORE = 0.85;

export function confidenceOf(score: number): MatchConfidence {
  return score >= 1 ? 'same-name' : score >= CLOSE_MATCH_SCORE ? 'close' : 'partial';
}

/**
 * Resembling names, one per listing (its best), best first: never for a listing that already
 * matched exactly (account or name), nor below the threshold, nor for a short or generic name.
 */
function resemblanceReasons(
  identity: PageIdentity,
  resembling: ResemblingName[],
  exact: ReadonlySet<string>,
  today: string,
): ResemblanceReason[] {
  const best = new Map<string, ResemblingName>();
  for (const hit of resembling) {
    const { entry, listedName, pageName, score } = hit;
    if (exact.has(entry.id) || !isActive(entry, today) || score < RESEMBLANCE_THRESHOLD) continue;
    if (!canWarn(listedName) || !canWarn(pageName)) continue;
    if ((best.get(entry.id)?.score ?? -1) < score) best.set(entry.id, hit);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ entry, listedName, pageName, pageRole, score }) => {
      const pageAccountId = identity.accounts.find((a) => a.role === pageRole)?.accountId;
      return {
        code: 'resembles-blacklisted' as const,
        ...listing(entry, listedName),
        pageName,
        pageRole,
        ...(pageAccountId === undefined ? {} : { pageAccountId }),
        score,
        confidence: confidenceOf(score),
        sources: entry.accounts.map(({ platform, accountId }) => ({ platform, accountId })),
      };
    });
}

const isDismissed = (identity: PageIdentity, dismissed: DismissedMatch[], reason: ResemblanceReason) =>
  dismissed.some(
    (d) => d.platform === identity.platform && d.accountId === reason.pageAccountId && d.entryId === reason.entryId,
  );

// ── companies and certificates ───────────────────────────────────────────────────────────────

/**
 * Companies the page's accounts belong to, directly or through an anchor who streams for them.
 * NEVER by name: a shop could name itself after a certified company to borrow its mark.
 */
function matchedCompanies(identity: PageIdentity, companies: Company[], anchors: Anchor[]): Company[] {
  const viaAnchors = new Set(
    anchors.flatMap((anchor) => (anchor.companyId && anchor.accounts.some((a) => pageHolds(identity, a)) ? [anchor.companyId] : [])),
  );
  return companies.filter((company) => company.accounts.some((a) => pageHolds(identity, a)) || viaAnchors.has(company.id));
}

/** Certificate statuses a body sets to stop a mark, and the verdict each calls for. */
const SANCTIONS = { withdrawn: 'withdrawn', cancelled: 'withdrawn', suspended: 'suspended' } as const;
type Sanction = keyof typeof SANCTIONS;
const isSanction = (status: CertificateStatus): status is Sanction => status in SANCTIONS;

function certificateFinding(certificate: Certificate, today: string): Finding & { status: VerdictStatus } {
  const certificateNumber = certificate.number;
  if (isSanction(certificate.status)) {
    return {
      status: SANCTIONS[certificate.status],
      reason: {
        code: 'certificate-status',
        status: certificate.status,
        certificateNumber,
        since: certificate.statusSince,
        statusReason: certificate.statusReason,
      },
    };
  }
  // expiresOn is the last valid day, inclusive.
  if (certificate.status === 'expired' || today > certificate.expiresOn) {
    return { status: 'expired', reason: { code: 'certificate-expired', certificateNumber, expiredOn: certificate.expiresOn } };
  }
  const lastAudit = latest([certificate.issuedOn, ...certificate.audits]);
  const dueOn = addMonths(lastAudit, AUDIT_INTERVAL_MONTHS);
  if (today > dueOn) {
    return { status: 'audit-overdue', reason: { code: 'audit-overdue', certificateNumber, lastAudit, dueOn } };
  }
  return {
    status: 'certified',
    reason: { code: 'certified', certificateNumber, gradeId: certificate.grade, expiresOn: certificate.expiresOn },
  };
}

/** The latest-issued certificate decides; on a tie the worse one, so a tie never hides a warning. */
function standing(company: Company, today: string): CompanyStanding {
  const [current] = company.certificates
    .map((certificate) => ({ company, certificate, finding: certificateFinding(certificate, today) }))
    .sort((a, b) => b.certificate.issuedOn.localeCompare(a.certificate.issuedOn) || bySeverity(a.finding, b.finding));
  return current ?? { company };
}

/**
 * When the shop and the anchor's MCN are different companies, the one with the most severe
 * standing is shown: a certified MCN must not cover a shop whose certificate was withdrawn.
 */
function decisiveStanding(input: VerdictInput, today: string): CompanyStanding | undefined {
  const standings = matchedCompanies(input.identity, input.companies, input.anchors).map((company) => standing(company, today));
  return standings.sort((a, b) => bySeverity(a.finding ?? {}, b.finding ?? {}))[0];
}

/** Facts the registry records about the accounts on the page: virtual anchors, streams not for minors. */
function accountNoticeFindings(identity: PageIdentity, subjects: (Company | Anchor)[]): Finding[] {
  const notices = new Map<string, Finding>();
  for (const account of subjects.flatMap((s) => s.accounts)) {
    if (!pageHolds(identity, account)) continue;
    const { accountId, displayName } = account;
    if (account.virtual && !notices.has(`virtual ${accountId}`)) {
      const undisclosed = account.virtualDisclosed === false ? { undisclosed: true } : {};
      notices.set(`virtual ${accountId}`, { reason: { code: 'virtual-anchor', accountId, displayName, ...undisclosed } });
    }
    if (account.notForMinors && !notices.has(`minors ${accountId}`)) {
      notices.set(`minors ${accountId}`, { reason: { code: 'not-for-minors', accountId, displayName } });
    }
  }
  return [...notices.values()];
}

// ── the verdict ──────────────────────────────────────────────────────────────────────────────

function registrySummary(registry: RegistryHeader, stale: boolean): RegistrySummary {
  return {
    id: registry.info.id,
    name: registry.info.name,
    version: registry.version,
    issuedAt: registry.issuedAt,
    expiresAt: registry.expiresAt,
    demo: registry.info.demo,
    stale,
  };
}

function registryReasons(registry: RegistryHeader, stale: boolean): Reason[] {
  return [
    ...(stale ? [{ code: 'registry-stale' as const, expiredAt: registry.expiresAt }] : []),
    ...(registry.info.demo ? [{ code: 'demo-registry' as const }] : []),
  ];
}

export function computeVerdict(input: VerdictInput): Verdict {
  const { identity, registry, now } = input;
  if (!registry) return { status: 'no-registry', reasons: [{ code: 'registry-missing' }] };

  const today = localDay(now, registry.info.utcOffset);
  const stale = now.getTime() >= Date.parse(registry.expiresAt);
  const decisive = decisiveStanding(input, today);
  const listings = blacklistFindings(identity, input.blacklist, today);
  const exact = new Set(listings.flatMap((f) => ('entryId' in f.reason ? [f.reason.entryId] : [])));
  const resemblances = resemblanceReasons(identity, input.resembling ?? [], exact, today);
  const dismissed = resemblances.filter((r) => isDismissed(identity, input.dismissed ?? [], r));
  const findings = [
    ...listings,
    // Same status as an exact name match, listed after it: both are only possible matches.
    ...resemblances.filter((r) => !dismissed.includes(r)).map((reason) => ({ status: 'possible-blacklist' as const, reason })),
    ...(decisive?.finding ? [decisive.finding] : []),
    ...accountNoticeFindings(identity, [...input.companies, ...input.anchors]),
  ];
  if (!findings.some((f) => f.status)) findings.push({ status: 'not-listed', reason: { code: 'not-listed' } });
  findings.sort(bySeverity);

  const mostSevere = findings[0]?.status ?? 'not-listed';
  // Stale data may still warn, but never vouches for anyone (TUF's freeze-attack rule).
  const status = stale && mostSevere === 'certified' ? 'unconfirmed' : mostSevere;
  const certificate = decisive?.certificate;
  return {
    status,
    company: decisive && { id: decisive.company.id, name: decisive.company.name },
    certificate: certificate && {
      number: certificate.number,
      scheme: certificate.scheme,
      issuer: certificate.issuer,
      status: certificate.status,
      grade: registry.gradeScale.find((g) => g.id === certificate.grade),
      issuedOn: certificate.issuedOn,
      expiresOn: certificate.expiresOn,
    },
    reasons: [...findings.map((f) => f.reason), ...registryReasons(registry, stale)],
    ...(dismissed.length ? { dismissed } : {}),
    registry: registrySummary(registry, stale),
  };
}
