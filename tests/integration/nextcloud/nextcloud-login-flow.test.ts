import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextcloudBackend } from '../../../src-main/core/storage/nextcloud/nextcloud-backend';
import { pollLoginFlow, startLoginFlow } from '../../../src-main/core/storage/nextcloud/login-flow';
import { startNextcloudFake, type NextcloudFake } from '../../servers/nextcloud-fake';
import { listenLoopback } from '../../servers/webdav-server';
import { expectNoSecret, hint, putText, rejectionOf } from '../webdav/dav-test-helpers';

const POLL = { intervalMs: 20, timeoutMs: 10_000 };

describe('Nextcloud Login Flow v2', () => {
  let fake: NextcloudFake;

  beforeAll(async () => {
    fake = await startNextcloudFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  const polls = async () => (await fake.requests()).filter((request) => request.path === '/index.php/login/v2/poll');

  it('polls (404) until the person approves, then gets the app password exactly once', async () => {
    const flow = await startLoginFlow(fake.url, { userAgent: 'DocuVault test' });
    expect(flow.loginUrl).toMatch(new RegExp(`^${fake.url}index\\.php/login/v2/flow/`));
    expect(flow.poll.endpoint).toBe(`${fake.url}index.php/login/v2/poll`);
    const start = (await fake.requests()).find((request) => request.path === '/index.php/login/v2');
    // Anonymous: no credentials exist yet.
    expect(start?.headers.authorization).toBeUndefined();
    expect(start?.headers['user-agent']).toBe('DocuVault test');

    const before = (await polls()).length;
    const polling = pollLoginFlow(flow.poll, POLL);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await polls()).length - before).toBeGreaterThanOrEqual(2);
    await fake.approveLogin();
    const credentials = await polling;
    expect(credentials).toMatchObject({ server: fake.url, loginName: 'alice@example.com' });
    expect(credentials.appPassword.length).toBeGreaterThan(20);

    // The server hands the password out once: polling again only ever sees 404, until the timeout.
    const again = await rejectionOf(pollLoginFlow(flow.poll, { intervalMs: 20, timeoutMs: 300 }));
    expect(again).toMatchObject({ code: 'CANCELLED' });
    expectNoSecret(again, credentials.loginName, credentials.appPassword);

    // And the app password works for storage.
    const backend = new NextcloudBackend({ serverUrl: credentials.server, loginName: credentials.loginName }, { appPassword: credentials.appPassword });
    try {
      await putText(backend, 'signed in', hint('welcome.txt'));
      expect(await fake.files()).toContain('DocuVault/welcome.txt');
    } finally {
      backend.close();
    }
  });

  it('is approved when a browser follows the login URL', async () => {
    const flow = await startLoginFlow(fake.url);
    const polling = pollLoginFlow(flow.poll, POLL);
    const page = await fetch(flow.loginUrl);
    expect(page.status).toBe(200);
    expect((await polling).loginName).toBe(fake.loginName);
  });

  it('stops promptly when cancelled', async () => {
    const flow = await startLoginFlow(fake.url);
    const controller = new AbortController();
    const polling = pollLoginFlow(flow.poll, { ...POLL, intervalMs: 5_000, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    controller.abort();
    const error = await rejectionOf(polling);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(error.message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up after its timeout', async () => {
    const flow = await startLoginFlow(fake.url);
    const started = Date.now();
    const error = await rejectionOf(pollLoginFlow(flow.poll, { intervalMs: 20, timeoutMs: 250 }));
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(error.message).toMatch(/in time/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a server that is not Nextcloud, and one that sends the poll token elsewhere', async () => {
    let endpoint = 'http://127.0.0.1:9/elsewhere/poll';
    const odd = createServer((req, res) => {
      req.resume();
      if (req.url === '/plain/index.php/login/v2') {
        res.writeHead(404).end('no such page');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ poll: { token: 'secret-token', endpoint }, login: 'https://evil.example/login' }));
    });
    const listening = await listenLoopback(odd);
    try {
      const base = `http://127.0.0.1:${listening.port}`;
      await expect(startLoginFlow(`${base}/plain`)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      const error = await rejectionOf(startLoginFlow(`${base}/redirecting`));
      expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expect(error.message).not.toContain('secret-token');
      endpoint = 'javascript:alert(1)';
      await expect(startLoginFlow(`${base}/scheme`)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await listening.close();
    }
  });

  it('refuses a server address that is not http(s) before sending anything', async () => {
    await expect(startLoginFlow('file:///etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(startLoginFlow('nextcloud.example.com')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
