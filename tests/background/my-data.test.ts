import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dismissedMatches, setDismissed } from '../../lib/background/dismissals';
import { evidenceLog, recordSighting } from '../../lib/background/evidence';
import { deleteMyData, exportMyData } from '../../lib/background/my-data';
import { PARENT_MODE_KEY } from '../../lib/background/parent-mode';
import { SETTINGS_KEY } from '../../lib/settings';
import { certified, identity } from '../evidence/fixtures';

const T0 = new Date('2026-11-24T12:00:00.000Z');
const dismissal = { platform: 'douyin', accountId: 'a-1', entryId: 'b-1' };

describe('my data: export and delete all', () => {
  beforeEach(async () => {
    await (await evidenceLog()).clear();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { language: 'en', evidenceLog: { enabled: true, retentionDays: 60 } } });
    await recordSighting(identity(), certified, T0);
    await setDismissed(dismissal, true);
    await fakeBrowser.storage.local.set({ [PARENT_MODE_KEY]: { enabled: true, marker: 'parent' } });
  });

  it('exports settings, dismissed matches and the evidence log, but not parent mode', async () => {
    const exported = JSON.parse(await exportMyData(T0)) as { storage: Record<string, unknown>; evidence: { entries: unknown[] } };
    expect(Object.keys(exported.storage).sort()).toEqual([SETTINGS_KEY, 'resemblance.dismissed'].sort());
    expect(exported.evidence.entries).toHaveLength(1);
  });

  it('deletes them all and leaves parent mode to its PIN', async () => {
    await deleteMyData();
    expect(await dismissedMatches()).toEqual([]);
    expect((await (await evidenceLog()).summary()).count).toBe(0);
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toBeUndefined();
    expect((await fakeBrowser.storage.local.get(PARENT_MODE_KEY))[PARENT_MODE_KEY]).toEqual({ enabled: true, marker: 'parent' });
  });
});
