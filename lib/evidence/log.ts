/**
 * The evidence log, in its own IndexedDB database: one entry per change of what a room showed
 * (a sighting equal to the room's latest entry only moves that entry's `lastSeenAt`), at most
 * EVIDENCE_MAX_ENTRIES entries (the oldest go first), and nothing older than the viewer's
 * retention once `purge` ran.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { contentOf, sameSighting } from './sighting';
import { EVIDENCE_EXPORT_SCHEMA_ID, EVIDENCE_MAX_ATTACHED, EvidenceExport, Sighting, type EvidenceEntry } from './schema';

export const EVIDENCE_DB_NAME = 'liveseal-evidence';
/** Bounds the log whatever the retention: about 1,000 changes of what rooms showed. */
export const EVIDENCE_MAX_ENTRIES = 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

interface EvidenceDB extends DBSchema {
  entries: { key: string; value: EvidenceEntry; indexes: { lastSeenAt: string; room: [string, string] } };
}

export interface EvidenceSummary {
  count: number;
  oldest?: string;
  newest?: string;
}

/** Entries last seen before this instant are past a retention of `retentionDays` at `now`. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

export class EvidenceLog {
  private constructor(
    private readonly db: IDBPDatabase<EvidenceDB>,
    private readonly maxEntries: number,
  ) {}

  static async open(name = EVIDENCE_DB_NAME, maxEntries = EVIDENCE_MAX_ENTRIES): Promise<EvidenceLog> {
    const db = await openDB<EvidenceDB>(name, 1, {
      upgrade(db) {
        const entries = db.createObjectStore('entries', { keyPath: 'id' });
        entries.createIndex('lastSeenAt', 'lastSeenAt');
        entries.createIndex('room', ['room', 'lastSeenAt']);
      },
    });
    return new EvidenceLog(db, maxEntries);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Records what a room shows at `now`: a new entry when it differs from the room's latest
   * entry, else that entry is confirmed (lastSeenAt = now). Returns the entry written.
   */
  async record(sighting: Sighting, now = new Date()): Promise<EvidenceEntry> {
    const content = Sighting.parse(sighting);
    const at = now.toISOString();
    const tx = this.db.transaction('entries', 'readwrite');
    const latest = (await tx.store.index('room').openCursor(roomRange(content.room), 'prev'))?.value;
    let entry: EvidenceEntry;
    if (latest && sameSighting(contentOf(latest), content)) {
      entry = { ...latest, lastSeenAt: at > latest.lastSeenAt ? at : latest.lastSeenAt };
      await tx.store.put(entry);
    } else {
      entry = { ...content, id: crypto.randomUUID(), firstSeenAt: at, lastSeenAt: at };
      await tx.store.add(entry);
      let excess = (await tx.store.count()) - this.maxEntries;
      for (let cursor = await tx.store.index('lastSeenAt').openCursor(); cursor && excess > 0; cursor = await cursor.continue(), excess--) {
        await cursor.delete();
      }
    }
    await tx.done;
    return entry;
  }

  /** Oldest first. */
  async list(): Promise<EvidenceEntry[]> {
    return this.db.getAllFromIndex('entries', 'lastSeenAt');
  }

  /** The newest entries of one room (roomKeyOf), newest first: what a report may attach. */
  async forRoom(room: string, limit = EVIDENCE_MAX_ATTACHED): Promise<EvidenceEntry[]> {
    const found: EvidenceEntry[] = [];
    let cursor = await this.db.transaction('entries').store.index('room').openCursor(roomRange(room), 'prev');
    for (; cursor && found.length < limit; cursor = await cursor.continue()) found.push(cursor.value);
    return found;
  }

  async summary(): Promise<EvidenceSummary> {
    const tx = this.db.transaction('entries');
    const index = tx.store.index('lastSeenAt');
    const [count, oldest, newest] = await Promise.all([tx.store.count(), index.openCursor(), index.openCursor(null, 'prev')]);
    return { count, ...(oldest && { oldest: oldest.value.lastSeenAt }), ...(newest && { newest: newest.value.lastSeenAt }) };
  }

  /** Deletes every entry last seen more than `retentionDays` before `now`; returns how many. */
  async purge(now: Date, retentionDays: number): Promise<number> {
    const tx = this.db.transaction('entries', 'readwrite');
    let purged = 0;
    let cursor = await tx.store.index('lastSeenAt').openCursor(IDBKeyRange.upperBound(retentionCutoff(now, retentionDays), true));
    for (; cursor; cursor = await cursor.continue(), purged++) await cursor.delete();
    await tx.done;
    return purged;
  }

  async clear(): Promise<void> {
    await this.db.clear('entries');
  }

  /** Every entry, oldest first, as JSON (EvidenceExport) for the viewer to keep. */
  async exportAll(now = new Date()): Promise<string> {
    const data: EvidenceExport = { schema: EVIDENCE_EXPORT_SCHEMA_ID, exportedAt: now.toISOString(), entries: await this.list() };
    return JSON.stringify(data, null, 2);
  }
}

/** Parses and validates an export made by `exportAll`; throws on anything else. */
export function parseEvidenceExport(text: string): EvidenceExport {
  return EvidenceExport.parse(JSON.parse(text));
}

/** Every [room, lastSeenAt] key of one room (ISO instants sort below U+FFFF). */
const roomRange = (room: string) => IDBKeyRange.bound([room, ''], [room, '\uffff']);
