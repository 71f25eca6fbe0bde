import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startLoopbackReceiver } from '../../../src-main/core/oauth/loopback-receiver';
import { OAuthCallbackRefused, PendingAttempts } from '../../../src-main/core/oauth/pending-attempts';
import { createPkcePair } from '../../../src-main/core/oauth/pkce';

describe('PKCE', () => {
  it('derives an S256 challenge from a fresh 43-character verifier', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.verifier).not.toBe(b.verifier);
  });
});

describe('pending sign-in attempts', () => {
  let now = 0;
  const clock = { now: () => new Date(now) };

  it('gives each attempt its own state and PKCE pair, usable once', () => {
    const attempts = new PendingAttempts<{ provider: string }>(clock);
    const a = attempts.create({ provider: 'google_drive' });
    const b = attempts.create({ provider: 'google_drive' });
    expect(a.state).not.toBe(b.state);
    expect(a.pkce.verifier).not.toBe(b.pkce.verifier);
    expect(attempts.take(a.state).id).toBe(a.id);
    expect(() => attempts.take(a.state)).toThrow(expect.objectContaining({ why: 'reused' }));
  });

  it('refuses unknown, missing, expired and cancelled states', () => {
    const attempts = new PendingAttempts<null>(clock, 1000);
    expect(() => attempts.take('forged')).toThrow(OAuthCallbackRefused);
    expect(() => attempts.take(null)).toThrow(expect.objectContaining({ why: 'unknown-state' }));
    const late = attempts.create(null);
    now += 1001;
    expect(() => attempts.take(late.state)).toThrow(expect.objectContaining({ why: 'expired' }));
    const cancelled = attempts.create(null);
    attempts.cancel(cancelled.id);
    expect(() => attempts.take(cancelled.state)).toThrow(expect.objectContaining({ why: 'cancelled' }));
  });
});

describe('loopback receiver', () => {
  it('listens on 127.0.0.1 with an ephemeral port, takes one callback and shuts down', async () => {
    const receiver = await startLoopbackReceiver();
    expect(receiver.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect((await fetch(receiver.redirectUri.replace('/callback', '/other'))).status).toBe(404);
    const page = await fetch(`${receiver.redirectUri}?code=abc&state=xyz`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You can close this tab');
    const params = await receiver.callback;
    expect(params.get('code')).toBe('abc');
    expect(params.get('state')).toBe('xyz');
    await receiver.close();
    await expect(fetch(receiver.redirectUri)).rejects.toThrow();
  });

  it('refuses callbacks for another sign-in and keeps waiting for its own', async () => {
    const refused: string[] = [];
    const receiver = await startLoopbackReceiver({
      accepts: (params) => params.get('state') === 'mine',
      onRefused: (params) => refused.push(params.get('state') ?? ''),
    });
    const forged = await fetch(`${receiver.redirectUri}?code=evil&state=forged`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not belong to a sign-in');
    expect(refused).toEqual(['forged']);
    await fetch(`${receiver.redirectUri}?code=good&state=mine`);
    expect((await receiver.callback).get('code')).toBe('good');
    await receiver.close();
  });

  it('gives up on cancel', async () => {
    const abort = new AbortController();
    const receiver = await startLoopbackReceiver({ signal: abort.signal });
    abort.abort();
    await expect(receiver.callback).rejects.toThrow(/cancelled/);
  });
});
