import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../lib/messaging/server';
import { dispatch } from '../../lib/messaging/server';
import type { Verdict } from '../../lib/verdict/types';

const extension = { id: 'ext-id', origin: 'chrome-extension://ext-id/' };
const fromTab = { id: 'ext-id', tab: { id: 7 } } as never;
const fromPage = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' } as never;
const verdict: Verdict = { status: 'not-listed', reasons: [{ code: 'not-listed' }] };
const parentStatus = { enabled: true, settings: { guardPurchases: true, guardGifts: true }, failures: 0, retryAfterMs: 0 };

function handlers(): Handlers {
  return {
    'page/identity': vi.fn(async () => verdict),
    'page/left': vi.fn(async () => null),
    'details/open': vi.fn(async () => null),
    'details/get': vi.fn(async () => {
      throw new Error('not used');
    }),
    'resemblance/dismiss': vi.fn(async () => null),
    'tab/verdict': vi.fn(async () => null),
    'registry/status': vi.fn(async () => ({ stored: null, lastRejection: null, source: null, updates: [], others: [] })),
    'report/open': vi.fn(async () => null),
    'report/submit': vi.fn(async () => {
      throw new Error('not used');
    }),
    'report/list': vi.fn(async () => []),
    'report/delete': vi.fn(async () => null),
    'report/export': vi.fn(async () => '{}'),
    'report/context': vi.fn(async () => ({ hasEndpoint: false, complaintChannels: [] })),
    'report/retry': vi.fn(async () => null),
    'evidence/summary': vi.fn(async () => ({ count: 0 })),
    'evidence/export': vi.fn(async () => '{}'),
    'evidence/clear': vi.fn(async () => null),
    'evidence/room': vi.fn(async () => []),
    'registry/check-now': vi.fn(async () => ({ at: '2026-11-24T00:00:00Z', status: 'no-source' as const })),
    'parent/status': vi.fn(async () => parentStatus),
    'parent/enable': vi.fn(async () => ({ ok: true as const, status: parentStatus })),
    'parent/disable': vi.fn(async () => ({ ok: true as const, status: parentStatus })),
    'parent/settings': vi.fn(async () => ({ ok: true as const, status: parentStatus })),
    'parent/change-pin': vi.fn(async () => ({ ok: true as const, status: parentStatus })),
    'parent/reset': vi.fn(async () => parentStatus),
    'parent/cancel-reset': vi.fn(async () => ({ ok: true as const, status: parentStatus })),
    'guard/unlock': vi.fn(async () => ({ ok: true as const, status: parentStatus })),
    'guard/cancel': vi.fn(async () => null),
    'data/export': vi.fn(async () => '{}'),
    'data/delete-all': vi.fn(async () => null),
  };
}

const identity = { platform: 'demo', live: true, accounts: [{ accountId: 'shop-1', role: 'shop' }] };

describe('dispatch', () => {
  it('answers a valid request from a content script with the handler result, defaults applied', async () => {
    const h = handlers();
    const reply = await dispatch({ type: 'page/identity', identity }, fromTab, h, extension);
    expect(reply).toEqual({ ok: true, value: verdict });
    expect(h['page/identity']).toHaveBeenCalledWith(
      { type: 'page/identity', identity: { ...identity, roomIds: [], products: [] } },
      fromTab,
    );
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['unknown type', { type: 'registry/wipe' }],
    ['extra key', { type: 'page/left', evil: true }],
    ['identity with markup-sized name', { type: 'page/identity', identity: { ...identity, anchorName: 'x'.repeat(10_000) } }],
    ['identity with wrong account role', { type: 'page/identity', identity: { ...identity, accounts: [{ accountId: 'a', role: 'admin' }] } }],
    ['prototype pollution attempt', JSON.parse('{"type":"page/left","__proto__":{"polluted":true}}')],
  ])('rejects a malformed message (%s) with an error reply, calling no handler', async (_name, message) => {
    const h = handlers();
    const reply = await dispatch(message, fromTab, h, extension);
    expect(reply.ok).toBe(false);
    expect(reply.ok === false && reply.error).toMatch(/malformed message/);
    expect(Object.values(h).every((fn) => (fn as ReturnType<typeof vi.fn>).mock.calls.length === 0)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses page requests that do not come from a tab, and page-only requests from tabs', async () => {
    const h = handlers();
    expect(await dispatch({ type: 'page/left' }, fromPage, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'registry/status' }, fromTab, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'registry/status' }, { id: 'other-ext', url: 'chrome-extension://other-ext/x.html' } as never, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'registry/status' }, fromPage, h, extension)).toMatchObject({ ok: true });
    // The evidence log is read only by the extension's own pages, never by a tab.
    expect(await dispatch({ type: 'evidence/export' }, fromTab, h, extension)).toMatchObject({ ok: false });
    expect(h['evidence/export']).not.toHaveBeenCalled();
  });

  it('accepts parent-mode changes from extension pages only', async () => {
    const h = handlers();
    expect(await dispatch({ type: 'parent/disable', pin: '1234' }, fromTab, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'parent/disable', pin: '1234' }, fromPage, h, extension)).toMatchObject({ ok: true });
    // A new PIN must be 4–12 digits; a PIN being checked may be anything short (it is just wrong).
    expect(await dispatch({ type: 'parent/enable', pin: '12a4' }, fromPage, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'parent/change-pin', pin: 'x', newPin: '123' }, fromPage, h, extension)).toMatchObject({ ok: false });
    expect(h['parent/enable']).not.toHaveBeenCalled();
  });

  it('takes dismissals of a possible match from extension pages only, a page account and entry each', async () => {
    const h = handlers();
    const match = { platform: 'demo', accountId: 'anchor-1', entryId: 'b1' };
    expect(await dispatch({ type: 'resemblance/dismiss', match, dismissed: true }, fromTab, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'resemblance/dismiss', match: { ...match, entryId: '' }, dismissed: true }, fromPage, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'resemblance/dismiss', match, dismissed: true }, fromPage, h, extension)).toEqual({ ok: true, value: null });
    expect(h['resemblance/dismiss']).toHaveBeenCalledTimes(1);
  });

  it('takes the guard PIN only from the extension guard frame, never from a content script', async () => {
    const h = handlers();
    const ticket = 'a'.repeat(32);
    // A content script runs in the page's tab with the page's URL: refused, the PIN never checked.
    const contentScript = { id: 'ext-id', tab: { id: 7 }, frameId: 0, url: 'https://live.douyin.com/123' } as never;
    expect(await dispatch({ type: 'guard/unlock', ticket, pin: '1234' }, contentScript, h, extension)).toEqual({
      ok: false,
      error: 'guard/unlock is not accepted from this sender',
    });
    expect(await dispatch({ type: 'guard/cancel', ticket }, contentScript, h, extension)).toMatchObject({ ok: false });
    expect(h['guard/unlock']).not.toHaveBeenCalled();
    // The guard page, framed in that same tab, is an extension page.
    const guardFrame = { id: 'ext-id', tab: { id: 7 }, frameId: 3, url: 'chrome-extension://ext-id/guard.html#x' } as never;
    expect(await dispatch({ type: 'guard/unlock', ticket, pin: '1234' }, guardFrame, h, extension)).toMatchObject({ ok: true });
    // Every unlock names the stopped click it is for.
    expect(await dispatch({ type: 'guard/unlock', pin: '1234' }, guardFrame, h, extension)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'guard/unlock', ticket: 'not-a-ticket', pin: '1234' }, guardFrame, h, extension)).toMatchObject({ ok: false });
    expect(h['guard/unlock']).toHaveBeenCalledTimes(1);
  });

  it('turns a failing handler into an error reply', async () => {
    const h = handlers();
    h['page/left'] = async () => {
      throw new Error('store closed');
    };
    expect(await dispatch({ type: 'page/left' }, fromTab, h, extension)).toEqual({ ok: false, error: 'store closed' });
  });
});
