/**
 * The stored registry in IndexedDB. One snapshot at a time, replaced in a single transaction,
 * so a failed import (quota, crash, closed worker) leaves the previous one intact.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { NAME_KEY_VERSION, normalizeName } from '../names/normalize';
import type { PageIdentity } from '../identity';
import type { RegistryStatus } from '../messages';
import { SNAPSHOT_SCHEMA_ID, type Anchor, type BlacklistEntry, type Company, type Grade, type PlatformId, type RegistryInfo, type Snapshot } from './schema';

export const DB_NAME = 'liveseal';

export interface StoredHeader {
  info: RegistryInfo;
  version: number;
  issuedAt: string;
  expiresAt: string;
  gradeScale: Grade[];
  importedAt: string;
  trustedKeyids: string[];
  source: string;
}

export type Rejection = NonNullable<RegistryStatus['lastRejection']>;

type Subject =
  | { kind: 'company'; data: Company }
  | { kind: 'anchor'; data: Anchor }
  | { kind: 'blacklist'; data: BlacklistEntry };

type SubjectRecord = Subject & {
  key: string;
  /** `platform\u0000accountId` of every account the subject holds. */
  accountKeys: string[];
  /** normalizeName() of every name and alias. */
  nameKeys: string[];
};

interface RegistryDB extends DBSchema {
  meta: { key: 'header'; value: StoredHeader } | { key: 'lastRejection'; value: Rejection };
  subjects: {
    key: string;
    value: SubjectRecord;
    indexes: { byAccount: string; byName: string };
  };
}

export function accountKey(platform: PlatformId, accountId: string): string {
  return `${platform}\u0000${accountId}`;
}

function subjectRecord(subject: Subject): SubjectRecord {
  const { kind, data } = subject;
  const names = kind === 'blacklist' ? [...data.names, ...data.aliases] : [data.name, ...data.aliases];
  return {
    ...subject,
    key: `${kind}:${data.id}`,
    accountKeys: [...new Set(data.accounts.map((a) => accountKey(a.platform, a.accountId)))],
    nameKeys: [...new Set(names.map(normalizeName).filter(Boolean))],
  } as SubjectRecord;
}

export interface Candidates {
  companies: Company[];
  anchors: Anchor[];
  blacklist: BlacklistEntry[];
}

export class RegistryStore {
  private constructor(private readonly db: IDBPDatabase<RegistryDB>) {}

  /**
   * The database version follows NAME_KEY_VERSION: when name normalisation changes in an
   * extension update, the upgrade re-keys every stored name (atomically, as upgrades are),
   * so lookups never compare new keys with old ones.
   */
  static async open(name = DB_NAME): Promise<RegistryStore> {
    const db = await openDB<RegistryDB>(name, NAME_KEY_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore('meta');
          const subjects = db.createObjectStore('subjects', { keyPath: 'key' });
          subjects.createIndex('byAccount', 'accountKeys', { multiEntry: true });
          subjects.createIndex('byName', 'nameKeys', { multiEntry: true });
          return;
        }
        for (let cursor = await tx.objectStore('subjects').openCursor(); cursor; cursor = await cursor.continue()) {
          await cursor.update(subjectRecord(cursor.value));
        }
      },
    });
    return new RegistryStore(db);
  }

  close(): void {
    this.db.close();
  }

  header(): Promise<StoredHeader | undefined> {
    return this.db.get('meta', 'header') as Promise<StoredHeader | undefined>;
  }

  lastRejection(): Promise<Rejection | undefined> {
    return this.db.get('meta', 'lastRejection') as Promise<Rejection | undefined>;
  }

  async recordRejection(rejection: Rejection): Promise<void> {
    await this.db.put('meta', rejection, 'lastRejection');
  }

  /** Replaces the stored registry with `snapshot`, all or nothing. */
  async replace(snapshot: Snapshot, meta: { trustedKeyids: string[]; source: string; now?: Date }): Promise<StoredHeader> {
    const header: StoredHeader = {
      info: snapshot.registry,
      version: snapshot.version,
      issuedAt: snapshot.issuedAt,
      expiresAt: snapshot.expiresAt,
      gradeScale: snapshot.gradeScale,
      importedAt: (meta.now ?? new Date()).toISOString(),
      trustedKeyids: meta.trustedKeyids,
      source: meta.source,
    };
    const tx = this.db.transaction(['meta', 'subjects'], 'readwrite');
    const subjects = tx.objectStore('subjects');
    const writes: Promise<unknown>[] = [subjects.clear()];
    for (const data of snapshot.companies) writes.push(subjects.put(subjectRecord({ kind: 'company', data })));
    for (const data of snapshot.anchors) writes.push(subjects.put(subjectRecord({ kind: 'anchor', data })));
    for (const data of snapshot.blacklist) writes.push(subjects.put(subjectRecord({ kind: 'blacklist', data })));
    writes.push(tx.objectStore('meta').put(header, 'header'));
    await Promise.all([...writes, tx.done]);
    return header;
  }

  /** The stored registry as a snapshot again: the base a delta applies to. */
  async snapshot(): Promise<Snapshot | undefined> {
    const tx = this.db.transaction(['meta', 'subjects']);
    const [header, records] = await Promise.all([
      tx.objectStore('meta').get('header') as Promise<StoredHeader | undefined>,
      tx.objectStore('subjects').getAll(),
    ]);
    if (!header) return undefined;
    const of = <K extends Subject['kind']>(kind: K) =>
      records.filter((r): r is SubjectRecord & { kind: K } => r.kind === kind).map((r) => r.data as Extract<Subject, { kind: K }>['data']);
    return {
      schema: SNAPSHOT_SCHEMA_ID,
      registry: header.info,
      version: header.version,
      issuedAt: header.issuedAt,
      expiresAt: header.expiresAt,
      gradeScale: header.gradeScale,
      companies: of('company'),
      anchors: of('anchor'),
      blacklist: of('blacklist'),
    };
  }

  /**
   * Every subject that shares an account or a normalised name with the page. Over-approximates
   * on purpose: the verdict rules decide what really matches.
   */
  async candidates(identity: PageIdentity): Promise<Candidates> {
    const tx = this.db.transaction('subjects');
    const byAccount = tx.store.index('byAccount');
    const byName = tx.store.index('byName');
    const names = [identity.anchorName, identity.shopName, identity.companyName]
      .filter((n): n is string => !!n)
      .map(normalizeName)
      .filter(Boolean);
    const found = (
      await Promise.all([
        ...identity.accounts.map((a) => byAccount.getAll(accountKey(identity.platform, a.accountId))),
        ...[...new Set(names)].map((n) => byName.getAll(n)),
      ])
    ).flat();
    // An anchor's MCN is found through the anchor, not the page.
    const companyIds = found.flatMap((r) => (r.kind === 'anchor' && r.data.companyId ? [`company:${r.data.companyId}`] : []));
    const linked = await Promise.all(companyIds.map((key) => tx.store.get(key)));
    const unique = new Map<string, SubjectRecord>();
    for (const r of [...found, ...linked]) if (r) unique.set(r.key, r);
    const out: Candidates = { companies: [], anchors: [], blacklist: [] };
    for (const r of unique.values()) {
      if (r.kind === 'company') out.companies.push(r.data);
      else if (r.kind === 'anchor') out.anchors.push(r.data);
      else out.blacklist.push(r.data);
    }
    return out;
  }
}
