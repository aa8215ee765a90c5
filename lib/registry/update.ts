/**
 * One update of one registry, start to finish: walk any new key sets, then try the delta from
 * the stored version, else the full snapshot; verify, store all or nothing, and record a refusal
 * with its reason. Pure orchestration over fetchBounded, the verifiers and installVerified: the
 * caller (the background's alarm or "check now") persists the returned trust state and ETag and
 * keeps the installed snapshot as the next delta's base.
 */
import { applyDelta, verifyDelta } from './delta';
import { applyDeltaToShards } from './delta-shards';
import { ChunkReader, readingAhead } from '../encoding/chunk-reader';
import { fetchBounded, FetchRefused, fetchStreaming, type FetchLike, type StreamedResult } from './fetch';
import { installVerified, type Installed, type InstallStore, type InstallTarget, type Refused, type UpToDate } from './install';
import { PACK_PREFIX, readPackManifest, writePack } from './pack-file';
import type { Snapshot } from './schema';
import type { RegistryStore, StoredHeader, StoredShards } from './store';
import { acceptKeySet, MAX_KEYSET_BYTES, signersOf, trustExpired, type TrustState } from './trust';
import { checkFreshness, MAX_SNAPSHOT_BYTES, openSigned, SNAPSHOT_KIND, SnapshotRejected, type RejectionCode } from './verify';

export interface UpdateSource {
  /** The newest full snapshot (DSSE envelope). */
  snapshotUrl: string;
  /** The delta from `baseVersion` to the newest version, when the publisher makes deltas. */
  deltaUrl?: (baseVersion: number) => string;
  /** Key set number `version`, when the publisher publishes key sets (see docs/publisher.md). */
  keysetUrl?: (version: number) => string;
}

export type UpdateStep = { kind: 'delta'; url: string; baseVersion: number } | { kind: 'full'; url: string };

/** What to try, in order: the delta from the stored version when deltas are published, then the full snapshot. */
export function planUpdate(stored: { version: number } | undefined, source: Pick<UpdateSource, 'snapshotUrl' | 'deltaUrl'>): UpdateStep[] {
  const full: UpdateStep = { kind: 'full', url: source.snapshotUrl };
  if (!stored || !source.deltaUrl) return [full];
  return [{ kind: 'delta', url: source.deltaUrl(stored.version), baseVersion: stored.version }, full];
}

/** Registry files are UTF-8; a byte that is not decodes to U+FFFD, which no signature covers. */
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const FALLBACK_CODES: ReadonlySet<RejectionCode> = new Set(['wrong-base', 'hash-mismatch']);

/** A delta failure that only means "no usable delta": 404/410, another base, or a result that is not the publisher's. */
export function fallsBackToFull(error: unknown): boolean {
  return isNotFound(error) || (error instanceof SnapshotRejected && FALLBACK_CODES.has(error.code));
}

function isNotFound(error: unknown): boolean {
  return error instanceof FetchRefused && error.code === 'http-status' && (error.status === 404 || error.status === 410);
}

/**
 * The version below which a snapshot is a rollback. When none of the keys the stored snapshot
 * was imported under is trusted any more, there is none: as TUF does after rotating out a
 * compromised key, so a snapshot that key signed with a huge version cannot freeze the client.
 */
export function rollbackFloor(stored: StoredHeader | undefined, trust: TrustState): number | undefined {
  if (!stored) return undefined;
  const trusted = new Set(trust.keys.map((k) => k.keyid));
  return stored.trustedKeyids.some((id) => trusted.has(id)) ? stored.version : undefined;
}

export interface UpdateLimits {
  snapshotBytes: number;
  deltaBytes: number;
  keysetBytes: number;
  /** Per download, body included. */
  timeoutMs: number;
  /** Key sets walked in one update at most. */
  keysetSteps: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  snapshotBytes: MAX_SNAPSHOT_BYTES,
  deltaBytes: 64 * 1024 * 1024,
  keysetBytes: MAX_KEYSET_BYTES,
  timeoutMs: 120_000,
  keysetSteps: 16,
};

export interface UpdateInput {
  /** A full pack is written as it downloads (beginReplace). */
  store: InstallStore & Pick<RegistryStore, 'beginReplace'>;
  source: UpdateSource;
  trust: TrustState;
  /**
   * The base a delta applies to; without it deltas are skipped. The store's own shards
   * (RegistryStore.storedShards) take a delta in place; a whole snapshot is the slow path
   * (decoded, applied, packed again), kept for stores that cannot.
   */
  loadBase?: () => Promise<StoredShards | Snapshot | undefined>;
  /** ETag of the full snapshot from the last check that installed it or found it current. */
  etag?: string;
  now?: Date;
  limits?: Partial<UpdateLimits>;
  fetchImpl?: FetchLike;
}

/** One thing tried, for logs: 'ok', 'not-found', 'not-modified', 'no-base', or a rejection code. */
export interface UpdateAttempt {
  step: 'keyset' | 'delta' | 'full';
  url: string;
  outcome: string;
  message?: string;
}

interface UpdateCommon {
  /** Trust after the key sets accepted in this update; persist it when trustChanged. */
  trust: TrustState;
  trustChanged: boolean;
  /** ETag to send next time for the full snapshot (undefined: send none). */
  etag?: string;
  /** Cache-Control max-age of the last answer, in seconds: no point checking sooner. */
  maxAgeSeconds?: number;
  attempts: UpdateAttempt[];
}

export type UpdateResult = UpdateCommon &
  (
    | { status: 'installed'; via: 'delta' | 'full'; header: StoredHeader }
    | { status: 'up-to-date' }
    | { status: 'refused'; code: RejectionCode; message: string; source: string }
  );

type Refusal = Extract<UpdateResult, { status: 'refused' }>;

class Updater {
  readonly limits: UpdateLimits;
  readonly now: Date;
  trust: TrustState;
  trustChanged = false;
  maxAgeSeconds?: number;
  readonly attempts: UpdateAttempt[] = [];

  constructor(readonly input: UpdateInput) {
    this.limits = { ...DEFAULT_UPDATE_LIMITS, ...input.limits };
    this.now = input.now ?? new Date();
    this.trust = input.trust;
  }

  common(etag: string | undefined): UpdateCommon {
    const { trust, trustChanged, maxAgeSeconds, attempts } = this;
    return { trust, trustChanged, attempts, ...(etag !== undefined && { etag }), ...(maxAgeSeconds !== undefined && { maxAgeSeconds }) };
  }

  note(step: UpdateAttempt['step'], url: string, outcome: string, message?: string): void {
    this.attempts.push({ step, url, outcome, ...(message !== undefined && { message }) });
  }

  /** Records a refusal that did not pass through installVerified (downloads, key sets). */
  async refuse(step: UpdateAttempt['step'], url: string, error: unknown): Promise<Refusal> {
    if (!(error instanceof FetchRefused || error instanceof SnapshotRejected)) throw error;
    this.note(step, url, error.code, error.message);
    await this.input.store.recordRejection({ at: this.now.toISOString(), code: error.code, message: error.message, source: url });
    return this.refused(error.code, error.message, url);
  }

  refused(code: RejectionCode, message: string, source: string): Refusal {
    return { status: 'refused', code, message, source, ...this.common(undefined) };
  }

  target(url: string, quiet?: InstallTarget['quiet']): InstallTarget {
    return { source: url, trustedKeyids: this.trust.keys.map((k) => k.keyid), now: this.now, quiet };
  }

  /** Walks key sets version+1, version+2, … until one is missing; a refusal stops the update. */
  async walkKeySets(keysetUrl: (version: number) => string): Promise<Refusal | undefined> {
    for (let step = 0; step < this.limits.keysetSteps; step++) {
      const url = keysetUrl(this.trust.version + 1);
      let text: string;
      try {
        text = await this.fetchText(url, this.limits.keysetBytes);
      } catch (e) {
        if (isNotFound(e)) {
          this.note('keyset', url, 'not-found');
          break;
        }
        return this.refuse('keyset', url, e);
      }
      try {
        this.trust = await acceptKeySet(this.trust, text, this.now, { maxBytes: this.limits.keysetBytes, allowExpired: true });
      } catch (e) {
        return this.refuse('keyset', url, e);
      }
      this.trustChanged = true;
      this.note('keyset', url, 'ok');
    }
    return undefined;
  }

  /** An expired key set vouches for nothing until the publisher renews it (TUF's freeze check). */
  checkTrustFresh(source: UpdateSource): Promise<Refusal> | undefined {
    const { trust } = this;
    if (!trustExpired(trust, this.now)) return undefined;
    const url = source.keysetUrl?.(trust.version) ?? source.snapshotUrl;
    return this.refuse('keyset', url, new SnapshotRejected('keyset-expired', `key set version ${trust.version} expired at ${trust.expiresAt}`));
  }

  /** The delta step: installed, refused (and recorded), or undefined to go on to the full snapshot. */
  async tryDelta(url: string, baseVersion: number): Promise<UpdateResult | undefined> {
    const { loadBase } = this.input;
    if (!loadBase) {
      this.note('delta', url, 'no-base');
      return undefined;
    }
    let text: string;
    try {
      text = await this.fetchText(url, this.limits.deltaBytes);
    } catch (e) {
      if (!fallsBackToFull(e)) return this.refuse('delta', url, e);
      this.note('delta', url, 'not-found');
      return undefined;
    }
    // Loaded once there is a delta to apply: reading a national registry's shards takes seconds.
    const base = await loadBase();
    const loaded = base && ('header' in base ? base.header.version : base.version);
    if (!base || loaded !== baseVersion) {
      this.note('delta', url, 'no-base', base ? `the loaded base is version ${loaded}` : undefined);
      return undefined;
    }
    const result = await installVerified(this.input.store, this.target(url, fallsBackToFull), async (stored) => {
      if (stored?.version !== loaded) {
        throw new SnapshotRejected('wrong-base', `the stored version is ${stored?.version}, the loaded base is ${loaded}`);
      }
      const delta = await verifyDelta(text, { ...signersOf(this.trust), now: this.now, maxBytes: this.limits.deltaBytes });
      return 'header' in base ? applyDeltaToShards(base, delta) : applyDelta(base, delta);
    });
    return this.settle('delta', url, result, this.input.etag, (code) => FALLBACK_CODES.has(code));
  }

  async full(url: string, stored: StoredHeader | undefined): Promise<UpdateResult> {
    let answer: StreamedResult<Installed | Refused | UpToDate>;
    try {
      const options = { maxBytes: this.limits.snapshotBytes, timeoutMs: this.limits.timeoutMs, etag: stored ? this.input.etag : undefined, fetchImpl: this.input.fetchImpl };
      answer = await fetchStreaming(url, options, (chunks) => this.install(url, new ChunkReader(readingAhead(chunks))));
    } catch (e) {
      return this.refuse('full', url, e);
    }
    this.heed(answer);
    if (answer.status === 'not-modified') {
      this.note('full', url, 'not-modified');
      return { status: 'up-to-date', ...this.common(answer.etag ?? this.input.etag) };
    }
    return this.settle('full', url, answer.body, answer.etag, () => false) ?? this.unreachable();
  }

  /**
   * Verifies and stores a full snapshot as it downloads. The same URL may serve a JSON snapshot
   * or a pack (lib/registry/pack-file.ts): the first bytes tell. A pack's signed manifest comes
   * first, so its version is checked before anything is stored, and each shard is checked
   * against the manifest before it is written beside the stored registry.
   */
  install(url: string, body: ChunkReader): Promise<Installed | Refused | UpToDate> {
    const { store } = this.input;
    return installVerified(store, this.target(url), async (current) => {
      const signers = signersOf(this.trust);
      /** False for the stored version itself; a rollback or an expired one is refused. */
      const isNew = (document: Pick<Snapshot, 'registry' | 'version' | 'expiresAt'>) => {
        if (current && document.version === current.version && document.registry.id === current.info.id) return false;
        checkFreshness(document, { storedVersion: rollbackFloor(current, this.trust), now: this.now }, 'snapshot');
        return true;
      };
      if (await body.startsWith(PACK_PREFIX)) {
        const manifest = await readPackManifest(body, signers);
        return isNew(manifest) ? { writeTo: (target) => writePack(store, body, manifest, target) } : null;
      }
      const snapshot = await openSigned(utf8(await body.rest()), SNAPSHOT_KIND, { ...signers, maxBytes: this.limits.snapshotBytes });
      return isNew(snapshot) ? snapshot : null;
    });
  }

  async fetchText(url: string, maxBytes: number): Promise<string> {
    const answer = await fetchBounded(url, { maxBytes, timeoutMs: this.limits.timeoutMs, fetchImpl: this.input.fetchImpl });
    this.heed(answer);
    return answer.status === 'ok' ? utf8(answer.bytes) : '';
  }

  /** Cache-Control of the last answer: no point checking sooner. */
  heed(answer: { cacheControlMaxAge?: number }): void {
    if (answer.cacheControlMaxAge !== undefined) this.maxAgeSeconds = answer.cacheControlMaxAge;
  }

  /** The UpdateResult of an install; undefined for a refusal that `fallsBack` to the next step. */
  settle(
    step: 'delta' | 'full',
    url: string,
    result: Installed | Refused | UpToDate,
    etag: string | undefined,
    fallsBack: (code: RejectionCode) => boolean,
  ): UpdateResult | undefined {
    if ('upToDate' in result) {
      this.note(step, url, 'up-to-date');
      return { status: 'up-to-date', ...this.common(etag) };
    }
    if (result.installed) {
      this.note(step, url, 'ok');
      return { status: 'installed', via: step, header: result.header, ...this.common(etag) };
    }
    this.note(step, url, result.code, result.message);
    return fallsBack(result.code) ? undefined : this.refused(result.code, result.message, url);
  }

  unreachable(): never {
    throw new Error('unreachable: the full snapshot step always settles');
  }
}

/**
 * Updates the registry in `input.store` from `input.source`. Never throws for anything a
 * server or the network can do (only for store failures and programming errors): every refusal
 * is returned with its code and recorded as the store's last rejection, and leaves the stored
 * registry untouched.
 */
export async function runUpdate(input: UpdateInput): Promise<UpdateResult> {
  const updater = new Updater(input);
  if (input.source.keysetUrl) {
    const refused = await updater.walkKeySets(input.source.keysetUrl);
    if (refused) return refused;
  }
  const expired = updater.checkTrustFresh(input.source);
  if (expired) return expired;
  const stored = await input.store.header();
  for (const step of planUpdate(stored, input.source)) {
    if (step.kind === 'full') return updater.full(step.url, stored);
    const done = await updater.tryDelta(step.url, step.baseVersion);
    if (done) return done;
  }
  throw new Error('unreachable: every plan ends with the full snapshot');
}
