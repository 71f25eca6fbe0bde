import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/ports';
import { registerAppProtocol } from '../../../src-main/electron/app-protocol';
import { APP_CONTENT_SECURITY_POLICY } from '../../../src-main/electron/content-security-policy';
import { app, protocol, resetElectronDouble } from '../../support/electron-double';

const SECRET = 'the contents of a file outside the renderer build';
const INDEX = '<!doctype html><title>DocuVault</title><script type="module" src="/assets/app.js"></script>';

let temp: string;
let root: string;

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'docuvault-app-protocol-'));
  root = join(temp, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(root, '.vite'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'pdf.worker.mjs'), 'self.onmessage = () => {}');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'inter.woff2'), 'font');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(root, 'assets', 'opaque.xyz'), 'unknown');
  await writeFile(join(root, '.vite', 'manifest.json'), SECRET);
  await writeFile(join(temp, 'secret.txt'), SECRET);
  await symlink(join(temp, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

beforeEach(() => {
  resetElectronDouble();
  app.fireReady();
  registerAppProtocol(root, silentLogger);
});

describe('the app protocol', () => {
  it.each(['app://docuvault/', 'app://docuvault/index.html'])('serves the page at %s with the CSP and nosniff', async (url) => {
    const response = await protocol.fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/pdf.worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/opaque.xyz', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await protocol.fetch(`app://docuvault/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('gives worker scripts the CSP too (a worker takes its policy from its own response)', async () => {
    const response = await protocol.fetch('app://docuvault/assets/pdf.worker.mjs');
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://docuvault/..%2fsecret.txt',
    'app://docuvault/assets/..%2F..%2Fsecret.txt',
    'app://docuvault/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://docuvault/assets%5C..%5C..%5Csecret.txt',
    'app://docuvault/../secret.txt',
    'app://docuvault/.vite/manifest.json',
    'app://docuvault/assets/link.txt',
    'app://docuvault/assets/app.js%00.html',
    'app://docuvault/C:%5Csecret.txt',
    'app://docuvault/%E0%A4%A',
    'app://elsewhere/index.html',
  ])('refuses %s', async (url) => {
    const response = await protocol.fetch(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('answers a client-side route with the page, and a missing file with 404', async () => {
    const route = await protocol.fetch('app://docuvault/folders/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX);
    expect((await protocol.fetch('app://docuvault/assets/missing.js')).status).toBe(404);
  });

  it('answers HEAD with headers only and refuses other methods', async () => {
    const head = await protocol.fetch('app://docuvault/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(await head.text()).toBe('');
    const post = await protocol.fetch('app://docuvault/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });
});
