import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY, injectBridgeScript } from '../../../src-main/preview/app-page';
import { resolveStaticPath } from '../../../src-main/preview/static-files';
import { STUB_APP_JS } from '../../support/preview/stub-renderer';
import { startTestPreview, type TestPreview } from '../../support/preview/test-preview';

/** Electron's policy, with document bytes served from the page's own origin instead of the content scheme. */
const ELECTRON_APP_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; media-src 'self'; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe('serving the built renderer', () => {
  let preview: TestPreview;

  beforeAll(async () => {
    preview = await startTestPreview();
    // A symlink inside the renderer that points outside it must not become a way out.
    await symlink(preview.stub.secretPath, join(preview.stub.rendererDir, 'assets', 'escape.txt'));
  });
  afterAll(() => preview.close());

  it('sends the app page with the strict CSP the Electron shell uses', async () => {
    const response = await preview.authed({ path: '/' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(ELECTRON_APP_CSP);
    expect(APP_CONTENT_SECURITY_POLICY).toBe(ELECTRON_APP_CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('puts the bridge script in front of the app module, so window.docuvault exists first', async () => {
    const html = (await preview.authed({ path: '/index.html' })).text();
    const bridge = html.indexOf('<script defer src="/__docuvault/bridge.js"></script>');
    const app = html.indexOf('<script type="module"');
    expect(bridge).toBeGreaterThan(0);
    expect(bridge).toBeLessThan(app);
    expect(html.match(/bridge\.js/g)).toHaveLength(1);
  });

  it('serves the bridge script as JavaScript', async () => {
    const response = await preview.authed({ path: '/__docuvault/bridge.js' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.text()).toContain('docuvault');
    expect(response.text()).toContain('/api/invoke/');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/module.wasm', 'application/wasm'],
    ['/assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await preview.authed({ path });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the file bytes, and HEAD without a body', async () => {
    const get = await preview.authed({ path: '/assets/app.js' });
    expect(get.text()).toBe(STUB_APP_JS);
    expect(get.headers['content-length']).toBe(String(Buffer.byteLength(STUB_APP_JS)));
    const head = await preview.authed({ method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/assets/escape.txt',
    '/assets/app.js%00.png',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
  ])('refuses %s', async (path) => {
    const response = await preview.authed({ path });
    expect(response.status).toBe(404);
    expect(response.text()).not.toContain(preview.stub.secretText);
  });

  it('refuses to write anything', async () => {
    const response = await preview.authed({ method: 'PUT', path: '/assets/app.js', body: 'overwritten' });
    expect(response.status).toBe(405);
    expect((await preview.authed({ path: '/assets/app.js' })).text()).toBe(STUB_APP_JS);
  });

  it('says how to build the renderer when there is none', async () => {
    const empty = await startTestPreview();
    await rm(join(empty.stub.rendererDir, 'index.html'));
    try {
      const response = await empty.authed({ path: '/' });
      expect(response.status).toBe(503);
      expect(response.text()).toContain('npm run build:renderer');
    } finally {
      await empty.close();
    }
  });
});

describe('resolveStaticPath', () => {
  it('stays inside the root', async () => {
    const preview = await startTestPreview();
    try {
      const root = preview.stub.rendererDir;
      await mkdir(join(root, 'nested'), { recursive: true });
      await writeFile(join(root, 'nested', 'a b.txt'), 'x');
      await expect(resolveStaticPath(root, '/nested/a%20b.txt')).resolves.toBe(join(root, 'nested', 'a b.txt'));
      await expect(resolveStaticPath(root, '/nested/../../secret.txt')).resolves.toBeNull();
      await expect(resolveStaticPath(root, '/')).resolves.toBeNull();
      await expect(resolveStaticPath(root, '/nested')).resolves.toBeNull();
    } finally {
      await preview.close();
    }
  });
});

describe('injectBridgeScript', () => {
  it('inserts before the first script, or before </head> when there is none', () => {
    expect(injectBridgeScript('<head><script type="module" src="/a.js"></script></head>')).toBe(
      '<head><script defer src="/__docuvault/bridge.js"></script><script type="module" src="/a.js"></script></head>',
    );
    expect(injectBridgeScript('<html><head><title>x</title></head></html>')).toBe(
      '<html><head><title>x</title><script defer src="/__docuvault/bridge.js"></script></head></html>',
    );
    expect(() => injectBridgeScript('<p>no head</p>')).toThrow();
  });
});
