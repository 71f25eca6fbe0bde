import { beforeEach, describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, openExternalIfAllowed } from '../../../src-main/electron/external-links';
import { resetElectronDouble, shell } from '../../support/electron-double';

describe('external links', () => {
  beforeEach(() => resetElectronDouble());

  it('allows https URLs on allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://docuvault.app/help?topic=cloud')).toBe(true);
    expect(isAllowedExternalUrl('https://example.org/', ['example.org'])).toBe(true);
  });

  it.each([
    'http://docuvault.app/',
    'https://docuvault.app.evil.example/',
    'https://evil.example/docuvault.app',
    'https://user:pass@docuvault.app/',
    'https://docuvault.app:8443/',
    'file:///etc/passwd',
    'smb://docuvault.app/share',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('hands only allowed URLs to the system browser', () => {
    expect(openExternalIfAllowed('https://docuvault.app/help')).toBe(true);
    expect(openExternalIfAllowed('file:///etc/passwd')).toBe(false);
    expect(shell.openedExternal).toEqual(['https://docuvault.app/help']);
  });
});
