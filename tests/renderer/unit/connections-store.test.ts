import { describe, expect, it, vi } from 'vitest';
import { fail } from '../../../src-shared/result';
import { createClient } from '../../../src-renderer/api';
import { ConnectionsStore } from '../../../src-renderer/api/connections-store';
import { FakeBridge } from '../support/fake-bridge';

function started(fake = new FakeBridge()) {
  const store = new ConnectionsStore(createClient(fake));
  const stop = store.start();
  return { fake, store, stop };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ConnectionsStore', () => {
  it('loads the connections when started and follows connections:changed', async () => {
    const fake = new FakeBridge();
    fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const { store } = started(fake);
    await vi.waitFor(() => expect(store.getSnapshot().connections?.map((c) => c.label)).toEqual(['Home NAS']));

    fake.connections.add({ provider: 's3', label: 'Backups' });
    fake.emit('connections:changed', {});
    await vi.waitFor(() => expect(store.getSnapshot().connections?.map((c) => c.label)).toEqual(['Home NAS', 'Backups']));
  });

  it('folds overlapping reloads into one more request, so a burst of events costs two calls, not ten', async () => {
    const { fake, store } = started();
    await vi.waitFor(() => expect(store.getSnapshot().connections).toEqual([]));
    const before = fake.callsTo('connections:list').length;
    for (let i = 0; i < 10; i++) fake.emit('connections:changed', {});
    await vi.waitFor(() => expect(fake.callsTo('connections:list').length).toBe(before + 2));
    await tick();
    expect(fake.callsTo('connections:list').length).toBe(before + 2);
  });

  it('stops following events once stopped', async () => {
    const { fake, stop } = started();
    expect(fake.listenerCount('connections:changed')).toBe(1);
    stop();
    expect(fake.listenerCount('connections:changed')).toBe(0);
    expect(fake.listenerCount('connections:login-finished')).toBe(0);
  });

  it('tracks a browser sign-in from its start to the event that ends it, and reloads the list', async () => {
    const { fake, store } = started();
    const started1 = await store.startOAuth('google_drive');
    expect(started1.ok).toBe(true);
    const attemptId = started1.ok ? started1.value.attemptId : '';
    expect(fake.lastCallTo('connections:connect-oauth')).toEqual({ provider: 'google_drive' });
    expect(store.getSnapshot().attempts.get(attemptId)).toMatchObject({ outcome: 'waiting', provider: 'google_drive', reconnectId: null });

    fake.connections.finishLogin(attemptId);
    await vi.waitFor(() => expect(store.getSnapshot().attempts.get(attemptId)?.outcome).toBe('connected'));
    expect(store.getSnapshot().attempts.get(attemptId)?.connection?.label).toBe('Google Drive');
    await vi.waitFor(() => expect(store.getSnapshot().connections?.map((c) => c.provider)).toEqual(['google_drive']));
  });

  it('sends the connection to reconnect with an OAuth sign-in', async () => {
    const fake = new FakeBridge();
    const drive = fake.connections.add({ provider: 'onedrive', label: 'Work OneDrive', status: 'REQUIRES_REAUTH' });
    const { store } = started(fake);
    const result = await store.startOAuth('onedrive', drive.id);
    expect(fake.lastCallTo('connections:connect-oauth')).toEqual({ provider: 'onedrive', reconnectId: drive.id });
    expect(result.ok && result.value.reconnectId).toBe(drive.id);
  });

  it('keeps an ending that arrives before the start call answered', async () => {
    const fake = new FakeBridge();
    const { store } = started(fake);
    // The event for attempt X is delivered while the call that starts X is still on its way.
    const original = fake.overrides['connections:connect-oauth'];
    fake.overrides['connections:connect-oauth'] = () => {
      const attemptId = '00000000-0000-4000-8000-a00000000099';
      fake.emit('connections:login-finished', { attemptId, connection: null, error: { code: 'VALIDATION', message: 'Wrong account.' } });
      return { attemptId, loginUrl: 'https://login.example.com/' };
    };
    const result = await store.startOAuth('google_drive');
    fake.overrides['connections:connect-oauth'] = original;
    expect(result.ok && result.value).toMatchObject({ outcome: 'failed', error: { message: 'Wrong account.' } });
  });

  it('asks main once which providers are unavailable, and keeps the Google Drive and OneDrive sentences', async () => {
    const fake = new FakeBridge();
    fake.connections.unavailableSignIn.set('onedrive', 'OneDrive is not configured in this build of DocuVault.');
    const { store } = started(fake);
    // Not at start: only Settings asks, so start-up sends nothing more.
    expect(fake.callsTo('connections:providers')).toHaveLength(0);
    await Promise.all([store.loadProviders(), store.loadProviders()]);
    await store.loadProviders();
    expect(fake.callsTo('connections:providers')).toHaveLength(1);
    expect([...store.getSnapshot().signInUnavailable]).toEqual([['onedrive', 'OneDrive is not configured in this build of DocuVault.']]);
  });

  it('leaves other providers’ availability, and sentences learnt from a sign-in, as they are', async () => {
    const fake = new FakeBridge();
    const { store } = started(fake);
    fake.connections.unavailableSignIn.set('google_drive', 'Google Drive is not configured (learnt from the sign-in).');
    await store.startOAuth('google_drive');
    fake.overrides['connections:providers'] = () => [
      { provider: 's3', available: false, reason: 'Not in this build.' },
      { provider: 'nextcloud', available: false, reason: 'Not in this build either.' },
      { provider: 'google_drive', available: false, reason: 'An older sentence.' },
      { provider: 'onedrive', available: true, reason: null },
    ];
    await store.loadProviders();
    expect([...store.getSnapshot().signInUnavailable]).toEqual([['google_drive', 'Google Drive is not configured (learnt from the sign-in).']]);
  });

  it('asks again after a failed answer, and falls back to learning from UNSUPPORTED meanwhile', async () => {
    const fake = new FakeBridge();
    const { store } = started(fake);
    fake.overrides['connections:providers'] = () => fail('UNSUPPORTED', 'connections:providers is not available.');
    await store.loadProviders();
    expect(store.getSnapshot().signInUnavailable.size).toBe(0);
    delete fake.overrides['connections:providers'];
    fake.connections.unavailableSignIn.set('google_drive', 'Google Drive is not configured in this build.');
    await store.loadProviders();
    expect(fake.callsTo('connections:providers')).toHaveLength(2);
    expect(store.getSnapshot().signInUnavailable.get('google_drive')).toBe('Google Drive is not configured in this build.');
  });

  it('remembers main’s sentence for a provider this build cannot sign in to', async () => {
    const fake = new FakeBridge();
    fake.connections.unavailableSignIn.set('onedrive', 'OneDrive is not configured in this build of DocuVault.');
    const { store } = started(fake);
    const result = await store.startOAuth('onedrive');
    expect(result.ok).toBe(false);
    expect(store.getSnapshot().signInUnavailable.get('onedrive')).toBe('OneDrive is not configured in this build of DocuVault.');
    expect(store.getSnapshot().signInUnavailable.has('google_drive')).toBe(false);
  });

  it('forgets an attempt it cancelled, asks main to cancel it, and knows the CANCELLED ending is its own', async () => {
    const { fake, store } = started();
    const result = await store.startNextcloudLogin({ serverUrl: 'https://cloud.example.com' });
    const attemptId = result.ok ? result.value.attemptId : '';
    expect(result.ok && result.value.loginUrl).toBe(`https://cloud.example.com/login/v2/flow/${attemptId}`);
    await store.cancelLogin(attemptId);
    expect(fake.lastCallTo('connections:cancel-login')).toEqual({ attemptId });
    expect(store.getSnapshot().attempts.has(attemptId)).toBe(false);
    expect(store.wasCancelledHere(attemptId)).toBe(true);
    await tick();
    expect(store.getSnapshot().attempts.has(attemptId)).toBe(false);
  });

  it('reads and records the credential protection, and the person’s consent', async () => {
    const fake = new FakeBridge();
    fake.connections.requireConsent();
    const { store } = started(fake);
    await store.loadProtection();
    expect(store.getSnapshot().protection).toMatchObject({ protection: 'app-key', consentRequired: true });
    await store.acceptProtection();
    expect(fake.lastCallTo('credentials:consent')).toEqual({ accept: true });
    expect(store.getSnapshot().protection?.consentRequired).toBe(false);
  });
});
