import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { detailsFor } from '../../lib/background/details';
import { dismissedMatches, setDismissed } from '../../lib/background/dismissals';
import { verdictFor } from '../../lib/background/verdicts';
import { PageIdentity, type PageIdentityInput } from '../../lib/identity';
import { RegistryStore } from '../../lib/registry/store';
import { makeSnapshot, parseSnapshot } from '../support/snapshot';

const now = new Date('2026-11-24T12:00:00Z');
const DISGUISED = '✨【官方】煙姐Lі1y説美妝好物✨';
const banned = {
  id: 'b2',
  kind: 'anchor' as const,
  names: ['柳如烟'],
  aliases: ['烟姐Lily说美妆'],
  accounts: [{ platform: 'douyin', accountId: 'dy-yanjie' }],
  reasons: [{ zh: '夸大功效', en: 'exaggerated claims' }],
  listedOn: '2026-03-15',
  authority: 'Test Association',
};
const room = (over: Partial<PageIdentityInput> = {}) =>
  PageIdentity.parse({ platform: 'kuaishou', live: true, accounts: [{ accountId: 'ks-new', role: 'anchor' }], anchorName: DISGUISED, ...over });

let store: RegistryStore;
beforeEach(async () => {
  store = await RegistryStore.open(`liveseal-resemblance-${Math.random()}`);
  const snapshot = parseSnapshot(makeSnapshot());
  snapshot.blacklist.push(parseSnapshot(makeSnapshot({ blacklist: [banned] })).blacklist[0]!);
  await store.replace(snapshot, { trustedKeyids: [], source: 'test', now });
});
afterEach(() => store.close());

describe('resembling names in the background', () => {
  it('does not hold a page’s exact verdict for an index that is slow to load: it asks again once loaded', async () => {
    const slowStore = Object.assign(Object.create(store) as RegistryStore, { resemblanceIndexIsQuick: async () => false });
    const asked: Promise<unknown>[] = [];
    const first = await verdictFor(slowStore, room(), now, [], (ready) => asked.push(ready));
    expect(first.status).toBe('not-listed');
    expect(asked).toHaveLength(1);
    await asked[0];
    // Loaded now: the next ask gets the possible match; without `later` (details page) it is awaited.
    expect((await verdictFor(store, room(), now, [], (ready) => asked.push(ready))).status).toBe('possible-blacklist');
    expect(asked).toHaveLength(1);
    expect((await verdictFor(slowStore, room(), now)).status).toBe('possible-blacklist');
  });

  it('warns on another platform’s new account whose name disguises a listed alias', async () => {
    const verdict = await verdictFor(store, room(), now);
    expect(verdict.status).toBe('possible-blacklist');
    expect(verdict.reasons[0]).toMatchObject({
      code: 'resembles-blacklisted',
      entryId: 'b2',
      listedName: '烟姐Lily说美妆',
      pageName: DISGUISED,
      pageAccountId: 'ks-new',
      confidence: 'close',
      sources: [{ platform: 'douyin', accountId: 'dy-yanjie' }],
    });
  });

  it.each(['烟姐', '美妆好物官方旗舰店', 'Lily 美妆'])('does not warn on the hard negative %s', async (name) => {
    expect((await verdictFor(store, room({ anchorName: name, shopName: name }), now)).status).toBe('not-listed');
  });

  it('searches the shop name too, but not the company name', async () => {
    expect((await verdictFor(store, room({ anchorName: undefined, shopName: DISGUISED }), now)).reasons[0]).toMatchObject({ pageRole: 'shop' });
    expect((await verdictFor(store, room({ anchorName: undefined, companyName: DISGUISED }), now)).status).toBe('not-listed');
  });

  it('does not repeat an exact account match as a resemblance', async () => {
    const named = (accountId: string) => room({ platform: 'demo', accounts: [{ accountId, role: 'anchor' }], anchorName: '✨Banned B0b LIVE✨' });
    expect((await verdictFor(store, named('someone-new'), now)).reasons.map((r) => r.code)).toEqual(['resembles-blacklisted']);
    expect((await verdictFor(store, named('anchor-banned'), now)).reasons.map((r) => r.code)).toEqual(['blacklisted-account']);
  });

  it('lists a dismissed match on the details page, with its listing, and stops warning', async () => {
    const dismissed = [{ platform: 'kuaishou', accountId: 'ks-new', entryId: 'b2' }];
    const details = await detailsFor(store, room(), dismissed, now);
    expect(details.verdict.status).toBe('not-listed');
    expect(details.verdict.dismissed?.map((r) => r.entryId)).toEqual(['b2']);
    expect(details.blacklist.map((b) => b.id)).toEqual(['b2']);
  });
});

describe('dismissals in storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it('remembers a dismissal per platform, account and listing, once, and forgets it on undo', async () => {
    const match = { platform: 'kuaishou', accountId: 'ks-new', entryId: 'b2' };
    await setDismissed(match, true);
    await setDismissed(match, true);
    await setDismissed({ ...match, accountId: 'ks-other' }, true);
    expect(await dismissedMatches()).toEqual([match, { ...match, accountId: 'ks-other' }]);
    await setDismissed(match, false);
    expect(await dismissedMatches()).toEqual([{ ...match, accountId: 'ks-other' }]);
  });

  it('reads damaged storage as no dismissals', async () => {
    await fakeBrowser.storage.local.set({ 'resemblance.dismissed': [{ platform: 'kuaishou' }] });
    expect(await dismissedMatches()).toEqual([]);
  });
});
