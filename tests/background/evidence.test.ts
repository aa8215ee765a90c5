import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { evidenceLog, purgeEvidence, recordSighting } from '../../lib/background/evidence';
import { DAY_MS } from '../../lib/evidence/log';
import { parseSettings, SETTINGS_KEY } from '../../lib/settings';
import { certified, identity, notListed } from '../evidence/fixtures';

const T0 = new Date('2026-11-24T12:00:00.000Z');
const turnOn = (retentionDays = 60) => fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { evidenceLog: { enabled: true, retentionDays } } });

describe('evidence log in the background', () => {
  beforeEach(async () => {
    await (await evidenceLog()).clear();
  });

  it('is off by default and then records nothing', async () => {
    expect(parseSettings(undefined).evidenceLog).toEqual({ enabled: false, retentionDays: 60 });
    await recordSighting(identity(), certified, T0);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { language: 'en' } });
    await recordSighting(identity(), notListed, T0);
    expect((await (await evidenceLog()).summary()).count).toBe(0);
  });

  it('records nothing once turned off again, and nothing for a room that is not live', async () => {
    await turnOn();
    await recordSighting(identity({ live: false }), certified, T0);
    expect((await (await evidenceLog()).summary()).count).toBe(0);
    await recordSighting(identity(), certified, T0);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { evidenceLog: { enabled: false, retentionDays: 60 } } });
    await recordSighting(identity(), notListed, new Date(T0.getTime() + 1000));
    expect((await (await evidenceLog()).list()).map((e) => e.verdict.status)).toEqual(['certified']);
  });

  it('purges by the viewer’s retention', async () => {
    await turnOn(60);
    await recordSighting(identity(), certified, T0);
    await recordSighting(identity(), notListed, new Date(T0.getTime() + 10 * DAY_MS));
    expect(await purgeEvidence(new Date(T0.getTime() + 61 * DAY_MS))).toBe(1);
    await turnOn(1);
    expect(await purgeEvidence(new Date(T0.getTime() + 12 * DAY_MS))).toBe(1);
    expect((await (await evidenceLog()).summary()).count).toBe(0);
  });

  it('an invalid stored retention falls back to the whole default: off, 60 days', () => {
    expect(parseSettings({ evidenceLog: { enabled: true, retentionDays: 0 } }).evidenceLog).toEqual({ enabled: false, retentionDays: 60 });
    expect(parseSettings({ evidenceLog: { enabled: true } }).evidenceLog).toEqual({ enabled: true, retentionDays: 60 });
  });
});
