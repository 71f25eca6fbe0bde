import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDto } from '../../../src-shared/domain';
import { silentLogger } from '../../../src-main/core/ports';
import { EventBus } from '../../../src-main/core/util/event-bus';
import { createAppWindow } from '../../../src-main/electron/app-window';
import { focusWhenSignInConnects } from '../../../src-main/electron/sign-in-attention';
import { app, BrowserWindow, resetElectronDouble } from '../../support/electron-double';

const connection = { id: 'c1', provider: 'onedrive', label: 'OneDrive', account: 'a@example.com', status: 'CONNECTED' } as unknown as ConnectionDto;

function setUp() {
  const events = new EventBus();
  const window = createAppWindow({ preloadPath: '/p.cjs', logger: silentLogger });
  const fake = BrowserWindow.instances.at(-1)!;
  fake.show();
  focusWhenSignInConnects(events, () => window);
  return { events, fake };
}

describe('a finished browser sign-in', () => {
  beforeEach(() => resetElectronDouble());

  it('brings the window to the front when it created a connection: restored, shown, focused', () => {
    const { events, fake } = setUp();
    fake.minimize();
    events.emit('connections:login-finished', { attemptId: 'a1', connection, error: null });
    expect(fake.isMinimized()).toBe(false);
    expect(fake.isVisible()).toBe(true);
    expect(fake.focused).toBe(true);
  });

  it('does not steal focus for a failed or refused sign-in', () => {
    const { events, fake } = setUp();
    fake.minimize();
    events.emit('connections:login-finished', { attemptId: null, connection: null, error: { code: 'VALIDATION', message: 'refused' } });
    expect(fake.isMinimized()).toBe(true);
    expect(fake.focused).toBe(false);
    expect(app.focusRequests).toEqual([]);
  });
});
