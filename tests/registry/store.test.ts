import { describe, expect, it } from 'vitest';
import { RegistryStore } from '../../lib/registry/store';
import { parseSnapshot, makeSnapshot } from '../support/snapshot';
import { storeContract } from './store-cases';

const identity = (accountId: string, anchorName?: string) => ({
  platform: 'demo',
  live: true,
  roomIds: [],
  accounts: [{ accountId, role: 'shop' as const }],
  anchorName,
  products: [],
});

storeContract((name) => RegistryStore.open(name));

describe('name keys across versions', () => {
  it('re-keys names stored by an older normalisation when the database is opened', async () => {
    const { openDB } = await import('idb');
    const name = `liveseal-old-${Math.random()}`;
    // A database as version 1 left it: a record whose name key the old normaliser made.
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('meta');
        const subjects = db.createObjectStore('subjects', { keyPath: 'key' });
        subjects.createIndex('byAccount', 'accountKeys', { multiEntry: true });
        subjects.createIndex('byName', 'nameKeys', { multiEntry: true });
      },
    });
    const entry = parseSnapshot(makeSnapshot()).blacklist[0]!;
    await old.put('subjects', { kind: 'blacklist', key: 'blacklist:b1', data: { ...entry, aliases: ['刀哥說好物'] }, accountKeys: [], nameKeys: ['刀哥說好物'] });
    await old.put('meta', { version: 1 }, 'header');
    old.close();

    const reopened = await RegistryStore.open(name);
    // 說 (traditional) now folds to 说: the simplified page name finds the listing.
    expect((await reopened.candidates(identity('someone', '刀哥说好物'))).blacklist.map((b) => b.id)).toEqual(['b1']);
    reopened.close();
  });
});
