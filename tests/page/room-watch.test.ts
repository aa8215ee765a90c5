// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageIdentityInput } from '../../lib/identity';
import { watchRooms } from '../../lib/page/room-watch';
import type { PlatformAdapter } from '../../lib/platforms/types';

/** A toy site: the room is whatever `<main data-room>` says; `data-live` says whether it is live. */
function toyAdapter(): PlatformAdapter & { extract: ReturnType<typeof vi.fn>; fingerprint: ReturnType<typeof vi.fn> } {
  const extract = vi.fn((doc: Document): PageIdentityInput | null => {
    const main = doc.querySelector('main[data-room]');
    if (!main) return null;
    return { platform: 'toy', live: main.getAttribute('data-live') === 'yes', roomIds: [main.getAttribute('data-room')!] };
  });
  const fingerprint = vi.fn((doc: Document, url: URL) => `${url.href} ${doc.querySelector('main')?.getAttribute('data-room') ?? ''}`);
  return {
    id: 'toy',
    label: { zh: '玩具', en: 'Toy' },
    matches: [],
    isRoomUrl: () => true,
    extract,
    fingerprint,
    placement: { anchors: ['main'], append: 'first' },
  };
}

/** The next animation frame, after mutation observers (microtasks) have had their turn. */
const nextFrame = async () => {
  await Promise.resolve();
  await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
};

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  document.body.innerHTML = '<main data-room="r1" data-live="yes"></main><ul id="chat"></ul>';
});
afterEach(() => controller.abort());

function start(adapter = toyAdapter()) {
  const rooms: string[] = [];
  const onLeave = vi.fn();
  watchRooms({
    adapterFor: () => adapter,
    onRoom: (_a, identity) => rooms.push(identity.roomIds![0]!),
    onLeave,
    signal: controller.signal,
  });
  return { adapter, rooms, onLeave };
}

describe('watchRooms', () => {
  it('reports the room on start', () => {
    const { rooms } = start();
    expect(rooms).toEqual(['r1']);
  });

  it('follows a room whose nodes are replaced, within one animation frame', async () => {
    const { rooms } = start();
    const main = document.createElement('main');
    main.setAttribute('data-room', 'r2');
    main.setAttribute('data-live', 'yes');
    document.querySelector('main')!.replaceWith(main);
    await nextFrame();
    expect(rooms).toEqual(['r1', 'r2']);
  });

  it('follows pushState navigation and reports leaving a live room once', async () => {
    const { rooms, onLeave } = start();
    history.pushState(null, '', '/elsewhere');
    document.querySelector('main')!.setAttribute('data-live', 'no');
    window.dispatchEvent(new Event('wxt:locationchange'));
    await nextFrame();
    await nextFrame();
    expect(rooms).toEqual(['r1']);
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('is not woken at all by chat messages beside the room', async () => {
    const { adapter } = start();
    adapter.fingerprint.mockClear();
    const chat = document.getElementById('chat')!;
    for (let frame = 0; frame < 5; frame++) {
      for (let i = 0; i < 500; i++) chat.append(Object.assign(document.createElement('li'), { textContent: `message ${i}` }));
      await nextFrame();
    }
    expect(adapter.fingerprint).not.toHaveBeenCalled();
    expect(adapter.extract).toHaveBeenCalledTimes(1);
  });

  it('watches the whole page while the room is still loading, at most once per frame', async () => {
    document.body.innerHTML = '<ul id="chat"></ul>';
    const { adapter, rooms } = start();
    adapter.extract.mockClear();
    adapter.fingerprint.mockClear();
    const chat = document.getElementById('chat')!;
    for (let frame = 0; frame < 5; frame++) {
      for (let i = 0; i < 500; i++) chat.append(Object.assign(document.createElement('li'), { textContent: `message ${i}` }));
      await nextFrame();
    }
    expect(adapter.fingerprint.mock.calls.length).toBeLessThanOrEqual(5);
    expect(adapter.extract).not.toHaveBeenCalled();
    document.body.insertAdjacentHTML('afterbegin', '<main data-room="late" data-live="yes"></main>');
    await nextFrame();
    expect(rooms).toEqual(['late']);
  });

  it('stops watching when its signal aborts', async () => {
    const { adapter } = start();
    controller.abort();
    adapter.fingerprint.mockClear();
    document.getElementById('chat')!.append(document.createElement('li'));
    window.dispatchEvent(new Event('popstate'));
    await nextFrame();
    expect(adapter.fingerprint).not.toHaveBeenCalled();
  });
});
