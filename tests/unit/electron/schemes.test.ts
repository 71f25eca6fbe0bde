import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentUrlFor, isAppUrl, registerPrivilegedSchemes } from '../../../src-main/electron/schemes';
import { app, protocol, resetElectronDouble } from '../../support/electron-double';

describe('custom schemes', () => {
  beforeEach(() => resetElectronDouble());

  it('registers the app scheme as a standard secure origin that can fetch', () => {
    registerPrivilegedSchemes();
    expect(protocol.privilegesOf('app')).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    // Bypassing CSP would undo the page's policy.
    expect(protocol.privilegesOf('app')?.['bypassCSP']).toBeFalsy();
  });

  it('registers the content scheme with streaming and CORS for media and pdf.js range requests', () => {
    registerPrivilegedSchemes();
    expect(protocol.privilegesOf('docuvault-content')).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      corsEnabled: true,
    });
  });

  it('must be registered before ready (the double enforces Electron’s rule)', () => {
    app.fireReady();
    expect(() => registerPrivilegedSchemes()).toThrow(/before app is ready/);
  });

  it('names document content by id on its own scheme', () => {
    expect(contentUrlFor('0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b')).toBe(
      'docuvault-content://document/0b6f1a52-4c1e-4b8e-9a43-5f3c2d1e0a9b',
    );
  });

  it('recognises only the app origin as the app', () => {
    expect(APP_ORIGIN).toBe('app://docuvault');
    expect(isAppUrl('app://docuvault/index.html')).toBe(true);
    expect(isAppUrl('app://docuvault/folders/1?x=2#y')).toBe(true);
    expect(isAppUrl('app://elsewhere/index.html')).toBe(false);
    expect(isAppUrl('https://docuvault/index.html')).toBe(false);
    expect(isAppUrl('docuvault-content://document/x')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
