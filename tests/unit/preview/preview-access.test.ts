import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPreview, type TestPreview } from '../../support/preview/test-preview';

/**
 * The preview is reachable by every local process and every page the person
 * opens: each request must carry the token, name our host and come from us.
 */
describe('preview access control', () => {
  let preview: TestPreview;
  let cookieHeader: string;

  beforeAll(async () => {
    preview = await startTestPreview();
    const granted = await preview.raw({ path: `/?token=${preview.server.token}` });
    cookieHeader = String(granted.headers['set-cookie']?.[0]?.split(';')[0]);
  });
  afterAll(() => preview.close());

  const protectedPaths = [
    '/',
    '/index.html',
    '/assets/app.js',
    '/__docuvault/bridge.js',
    '/api/events',
    '/content/00000000-0000-4000-8000-000000000000',
  ];

  it.each(protectedPaths)('refuses %s without the token', async (path) => {
    const response = await preview.raw({ path });
    expect(response.status).toBe(401);
    expect(response.text()).not.toContain('<script');
  });

  it('refuses API calls and uploads without the token', async () => {
    const invoke = await preview.raw({
      method: 'POST',
      path: '/api/invoke/folders:list',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(invoke.status).toBe(401);
    const announce = await preview.raw({
      method: 'POST',
      path: '/api/uploads',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ folderId: 'x', files: [{ name: 'a', size: 1 }] }),
    });
    expect(announce.status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const response = await preview.raw({ path: `/?view=list&token=${preview.server.token}` });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/?view=list');
    const cookie = response.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^docuvault_preview_\d+=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(preview.server.token);
  });

  it('never redirects off its own origin when dropping the token', async () => {
    for (const path of [`/.//evil.example/?token=${preview.server.token}`, `//evil.example/?token=${preview.server.token}`]) {
      const response = await preview.raw({ path });
      if (response.status === 303) expect(response.headers.location, path).not.toMatch(/^\/\/|^[a-z]+:/i);
      else expect(response.status, path).toBe(400);
    }
  });

  it('serves the page, assets and API to a request carrying the cookie', async () => {
    expect((await preview.raw({ path: '/', headers: { Cookie: cookieHeader } })).status).toBe(200);
    expect((await preview.raw({ path: '/assets/app.js', headers: { Cookie: cookieHeader } })).status).toBe(200);
    const invoke = await preview.raw({
      method: 'POST',
      path: '/api/invoke/vault:info',
      headers: { Cookie: `other=1; ${cookieHeader}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(invoke.json()).toMatchObject({ ok: true, value: { documentCount: 0 } });
  });

  it('serves a request carrying the token as a Bearer header', async () => {
    expect((await preview.authed({ path: '/assets/app.js' })).status).toBe(200);
  });

  it('refuses a wrong token in the address, in a Bearer header and in the cookie', async () => {
    const wrong = `${preview.server.token.slice(0, -2)}xx`;
    const inUrl = await preview.raw({ path: `/?token=${wrong}` });
    expect(inUrl.status).toBe(403);
    expect(inUrl.headers['set-cookie']).toBeUndefined();
    expect((await preview.raw({ path: '/', headers: { Authorization: `Bearer ${wrong}` } })).status).toBe(401);
    expect((await preview.raw({ path: '/', headers: { Authorization: `Basic ${preview.server.token}` } })).status).toBe(401);
    const cookieName = cookieHeader.split('=')[0]!;
    expect((await preview.raw({ path: '/', headers: { Cookie: `${cookieName}=${wrong}` } })).status).toBe(401);
    // A wrong token in the address is refused even next to a valid cookie.
    expect((await preview.raw({ path: `/?token=${wrong}`, headers: { Cookie: cookieHeader } })).status).toBe(403);
  });

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${preview.port}`, `127.0.0.1:${preview.port + 1}`, `0.0.0.0:${preview.port}`, `[::1]:${preview.port}`]) {
      const response = await preview.authed({ path: '/', headers: { Host: host } });
      expect(response.status, host).toBe(403);
    }
  });

  it('accepts both loopback names for its own port', async () => {
    expect((await preview.authed({ path: '/', headers: { Host: `localhost:${preview.port}` } })).status).toBe(200);
    expect((await preview.authed({ path: '/', headers: { Host: `127.0.0.1:${preview.port}` } })).status).toBe(200);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${preview.port}`, `http://127.0.0.1:${preview.port + 1}`, `https://127.0.0.1:${preview.port}`, 'null']) {
      const response = await preview.authed({
        method: 'POST',
        path: '/api/invoke/folders:list',
        headers: { Origin: origin, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status, origin).toBe(403);
    }
    const own = await preview.authed({
      method: 'POST',
      path: '/api/invoke/folders:list',
      headers: { Origin: `http://127.0.0.1:${preview.port}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(own.status).toBe(200);
  });

  it('refuses requests a page of another site (or another local port) makes, by their fetch metadata', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const response = await preview.raw({ path: '/', headers: { Cookie: cookieHeader, 'Sec-Fetch-Site': site } });
      expect(response.status, site).toBe(403);
    }
    for (const site of ['same-origin', 'none']) {
      const response = await preview.raw({ path: '/', headers: { Cookie: cookieHeader, 'Sec-Fetch-Site': site } });
      expect(response.status, site).toBe(200);
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(preview.server.origin).hostname).toBe('127.0.0.1');
    const others = ['::1', ...Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal).map((i) => i!.address)];
    for (const address of others) {
      await expect(canConnect(address, preview.port), address).resolves.toBe(false);
    }
    await expect(canConnect('127.0.0.1', preview.port)).resolves.toBe(true);
  });
});

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
