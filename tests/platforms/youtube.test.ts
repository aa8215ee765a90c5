// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { platformFor } from '../../lib/platforms';
import youtube from '../../lib/platforms/youtube';
import { extractChecked, itExtracts, loadFixture, parseHtml } from './support';

const watch = (videoId: string) => `https://www.youtube.com/watch?v=${videoId}`;
const anchor = (accountId: string) => ({ accountId, role: 'anchor' as const });
const hostileName = '<img src=x onerror=alert(1)></script><script>alert("lsdemo")</script>';
const kitchenShelf = [
  { title: 'Ceramic pour-over set (fictional)', price: '$34.00' },
  { title: 'Bamboo tea tray, 40 cm', price: '$21.50' },
];
const certified = {
  platform: 'youtube',
  live: true,
  roomIds: ['lsdemoLive1'],
  accounts: [anchor('UClsdemoYouTubeCertified01'), anchor('@lsdemo-certified')],
  anchorName: 'LS Demo Certified Kitchen',
  products: kitchenShelf,
};

describe('youtube adapter', () => {
  itExtracts(youtube, [
    { fixture: 'youtube/live-room.html', url: watch('lsdemoLive1'), expected: certified },
    { fixture: 'youtube/live-room.html', url: 'https://www.youtube.com/live/lsdemoLive1?si=share', expected: certified },
    { fixture: 'youtube/live-room.html', url: 'https://www.youtube.com/@LSDemo-Certified/live', expected: certified },
    {
      fixture: 'youtube/live-room-banned.html',
      url: watch('lsdemoBann1'),
      expected: {
        platform: 'youtube',
        live: true,
        roomIds: ['lsdemoBann1'],
        accounts: [anchor('UClsdemoYouTubeBanned0001'), anchor('@lsdemo-banned')],
        anchorName: 'LS Demo Flash Deals',
      },
    },
    {
      fixture: 'youtube/vod-past-stream.html',
      url: watch('lsdemoVod01'),
      expected: { ...certified, live: false, roomIds: ['lsdemoVod01'] },
    },
    // Globals and microdata still describe lsdemoLive1; only the DOM shows the video in the URL.
    {
      fixture: 'youtube/stale-after-navigation.html',
      url: watch('lsdemoNext1'),
      expected: {
        platform: 'youtube',
        live: true,
        roomIds: ['lsdemoNext1'],
        accounts: [anchor('UClsdemoYouTubeNextDoor1')],
        anchorName: 'LS Demo Next Door',
        products: [{ title: 'Cast-iron skillet 26 cm', price: '$45.00' }],
      },
    },
    // Navigating back: the globals describe the URL again, the DOM (not yet re-rendered) does not.
    { fixture: 'youtube/stale-after-navigation.html', url: watch('lsdemoLive1'), expected: { ...certified, products: [] } },
    // Mid-navigation: nothing on the page describes the URL's video yet.
    { fixture: 'youtube/stale-after-navigation.html', url: watch('lsdemoOthr1'), expected: null },
    {
      fixture: 'youtube/broken-missing-keys.html',
      url: watch('lsdemoPart1'),
      expected: {
        platform: 'youtube',
        live: true,
        roomIds: ['lsdemoPart1'],
        accounts: [anchor('UClsdemoYouTubePartial01')],
        anchorName: 'LS Demo Partial',
      },
    },
    {
      fixture: 'youtube/broken-truncated.html',
      url: watch('lsdemoTrnc1'),
      expected: {
        platform: 'youtube',
        live: true,
        roomIds: ['lsdemoTrnc1'],
        accounts: [anchor('@lsdemo-truncated')],
        anchorName: 'LS Demo Truncated',
      },
    },
    // Ids behind `__proto__` are never read; names stay the text they are.
    {
      fixture: 'youtube/hostile-markup.html',
      url: watch('lsdemoHstl1'),
      expected: {
        platform: 'youtube',
        live: true,
        roomIds: ['lsdemoHstl1'],
        accounts: [anchor('@lsdemo-hostile'), anchor('UClsdemoYouTubeHostile01')],
        anchorName: hostileName,
        products: [{ title: '<b onmouseover=alert(1)>Free gift</b>', price: '$0.00' }],
      },
    },
  ]);

  it.each([
    [watch('lsdemoLive1'), true],
    ['https://www.youtube.com/watch?feature=share&v=lsdemoLive1&t=30', true],
    ['https://www.youtube.com/live/lsdemoLive1', true],
    ['https://www.youtube.com/@lsdemo-certified/live', true],
    ['https://www.youtube.com/watch?v=short', false],
    ['https://www.youtube.com/watch', false],
    ['https://www.youtube.com/@lsdemo-certified', false],
    ['https://www.youtube.com/@lsdemo-certified/videos', false],
    ['https://www.youtube.com/channel/UClsdemoYouTubeCertified01/live', false],
    ['https://www.youtube.com/', false],
    ['https://www.youtube.com.evil.example/watch?v=lsdemoLive1', false],
    ['https://evil.example/www.youtube.com/watch?v=lsdemoLive1', false],
    ['https://youtu.be/lsdemoLive1', false],
    ['https://m.youtube.com/watch?v=lsdemoLive1', false],
  ])('isRoomUrl(%s) is %s', (url, expected) => {
    expect(youtube.isRoomUrl(new URL(url))).toBe(expected);
    expect(platformFor(new URL(url))?.id === 'youtube').toBe(expected);
  });

  /** A watch page whose only source is an inline player response with this JSON text. */
  const playerPage = (json: string) =>
    parseHtml(`<html><body><script>var ytInitialPlayerResponse = ${json};var meta = 1;</script></body></html>`);
  const details = (fields: Record<string, unknown>) =>
    JSON.stringify({ videoDetails: { videoId: 'lsdemoLive1', isLive: true, ...fields } });

  it('drops megabyte names and ids', () => {
    const huge = 'x'.repeat(1_000_000);
    const identity = extractChecked(youtube, playerPage(details({ author: huge, channelId: huge })), watch('lsdemoLive1'));
    expect(identity).toEqual({ platform: 'youtube', live: true, roomIds: ['lsdemoLive1'], accounts: [], products: [] });
  });

  it('reads past 5000 levels of nesting, and falls back when they never close', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const nested = `{"x":${deep},${details({ channelId: 'UClsdemoYouTubeDeep00001' }).slice(1)}`;
    const identity = extractChecked(youtube, playerPage(nested), watch('lsdemoLive1'));
    expect(identity?.accounts).toEqual([anchor('UClsdemoYouTubeDeep00001')]);
    expect(extractChecked(youtube, playerPage(`{"x":${'['.repeat(5000)}`), watch('lsdemoLive1'))).toBeNull();
  });

  it('follows no inherited keys and pollutes no prototype', () => {
    const json = '{"__proto__":{"videoDetails":{"videoId":"lsdemoLive1","isLive":true}}}';
    expect(extractChecked(youtube, playerPage(json), watch('lsdemoLive1'))).toBeNull();
    expect((Object.prototype as Record<string, unknown>).videoDetails).toBeUndefined();
  });

  it('fingerprints the video the watch app shows, not only the URL', () => {
    const doc = loadFixture('youtube/stale-after-navigation.html');
    const url = new URL(watch('lsdemoNext1'));
    const before = youtube.fingerprint!(doc, url);
    expect(youtube.fingerprint!(doc, url)).toBe(before);
    doc.querySelector('ytd-watch-flexy')!.setAttribute('video-id', 'lsdemoOthr1');
    expect(youtube.fingerprint!(doc, url)).not.toBe(before);
    expect(youtube.fingerprint!(doc, new URL(watch('lsdemoOthr1')))).not.toBe(youtube.fingerprint!(doc, url));
  });

  it('re-detects after in-app navigation', () => {
    expect(youtube.navigationEvents).toContain('yt-navigate-finish');
  });
});
