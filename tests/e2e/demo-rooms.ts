/** The built extension in Chromium and a server of the demo rooms, started once per test file. */
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { launchChromium, type LaunchedChromium } from './harness';

export interface DemoRooms {
  browser: LaunchedChromium;
  demo: DemoServer;
}

export function withDemoRooms(): DemoRooms {
  const rooms = {} as DemoRooms;
  beforeAll(async () => {
    rooms.demo = await startDemoServer();
    rooms.browser = await launchChromium(resolve('.output/chrome-mv3'));
  });
  afterAll(async () => {
    await rooms.browser?.close();
    await rooms.demo?.close();
  });
  return rooms;
}
