import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { denyAllPermissions } from '../../../src-main/electron/security';
import { resetElectronDouble, session } from '../../support/electron-double';

describe('permissions', () => {
  beforeEach(() => {
    resetElectronDouble();
    denyAllPermissions(silentLogger);
  });

  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies a request for %s',
    async (permission) => {
      expect(await session.defaultSession.requestPermission(null, permission)).toBe(false);
    },
  );

  it('denies permission checks', () => {
    expect(session.defaultSession.checkPermission(null, 'media', 'app://docuvault')).toBe(false);
    expect(session.defaultSession.checkPermission(null, 'clipboard-sanitized-write', 'app://docuvault')).toBe(false);
  });

  it('denies device access (USB, HID, serial)', () => {
    expect(session.defaultSession.checkDevicePermission('usb', 'app://docuvault')).toBe(false);
  });
});
