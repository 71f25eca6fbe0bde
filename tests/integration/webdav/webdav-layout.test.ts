import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebDavBackend } from '../../../src-main/core/storage/webdav/webdav-backend';
import { startWebDavServer, type WebDavTestServer } from '../../servers/webdav-server';
import { basicAuth, hint, pathsOf, putText, rawRequest, readText, rejectionOf } from './dav-test-helpers';

describe('WebDAV layout: human-readable names under DocuVault/', () => {
  let server: WebDavTestServer;
  let backend: WebDavBackend;

  beforeAll(async () => {
    server = await startWebDavServer();
    backend = new WebDavBackend({ url: server.url, username: server.username }, { password: server.password });
  });
  afterAll(async () => {
    backend.close();
    await server.close();
  });

  it('stores DocuVault/<folder path>/<name> on the server and uses that path as the key', async () => {
    const { key } = await putText(backend, 'tax report', hint('report.pdf', ['Taxes', '2024']));
    expect(key).toBe('DocuVault/Taxes/2024/report.pdf');
    const files = await server.files();
    expect(files).toEqual(expect.arrayContaining(['DocuVault/', 'DocuVault/Taxes/', 'DocuVault/Taxes/2024/', 'DocuVault/Taxes/2024/report.pdf']));
    // Nothing half-written is left in the staging folder.
    expect(files.filter((path) => path.startsWith('DocuVault/.docuvault-staging/') && !path.endsWith('/'))).toEqual([]);
  });

  it('creates the root folder on connect, idempotently', async () => {
    const fresh = await startWebDavServer();
    const connecting = new WebDavBackend({ url: fresh.url, username: fresh.username }, { password: fresh.password });
    try {
      await connecting.ensureRoot();
      await connecting.ensureRoot();
      expect(await fresh.files()).toEqual(['DocuVault/']);
    } finally {
      connecting.close();
      await fresh.close();
    }
  });

  it('adds " (2)", " (3)" on a clash and never replaces the other document', async () => {
    const first = await putText(backend, 'first', hint('clash.txt', ['Clash']));
    const second = await putText(backend, 'second', hint('clash.txt', ['Clash']));
    const third = await putText(backend, 'third', hint('clash.txt', ['Clash']));
    expect([first.key, second.key, third.key]).toEqual(['DocuVault/Clash/clash.txt', 'DocuVault/Clash/clash (2).txt', 'DocuVault/Clash/clash (3).txt']);
    expect(await readText(await backend.get(first.key))).toBe('first');
    expect(await readText(await backend.get(second.key))).toBe('second');
  });

  it("never overwrites a file someone else put there", async () => {
    const url = `${server.url}DocuVault/Shared/notes.txt`;
    const auth = basicAuth(server.username, server.password);
    expect(await rawRequest(`${server.url}DocuVault/Shared/`, 'MKCOL', auth)).toBe(201);
    expect(await rawRequest(url, 'PUT', auth, 'written by another app')).toBe(201);
    const { key } = await putText(backend, 'from DocuVault', hint('notes.txt', ['Shared']));
    expect(key).toBe('DocuVault/Shared/notes (2).txt');
    const other = await fetch(url, { headers: { Authorization: auth } });
    expect(await other.text()).toBe('written by another app');
  });

  it('makes unsafe names safe but readable', async () => {
    const { key } = await putText(backend, 'slashes', hint('a/b\\c.pdf', ['..', ' Spaced ']));
    expect(key).toBe('DocuVault/_/Spaced/a_b_c.pdf');
    expect(await server.files()).toContain('DocuVault/_/Spaced/a_b_c.pdf');
  });

  it('follows a rename and a move to another folder, and the old path is gone', async () => {
    const objectHint = hint('scan.pdf', ['Inbox']);
    const { key } = await putText(backend, 'scanned', objectHint);
    const renamed = await backend.relocate(key, { ...objectHint, name: 'Invoice March.pdf' });
    expect(renamed).toBe('DocuVault/Inbox/Invoice March.pdf');
    const moved = await backend.relocate(renamed, { ...objectHint, name: 'Invoice March.pdf', folderPath: ['Bills', '2024'] });
    expect(moved).toBe('DocuVault/Bills/2024/Invoice March.pdf');
    const files = await server.files();
    expect(files).toContain('DocuVault/Bills/2024/Invoice March.pdf');
    expect(files).not.toContain('DocuVault/Inbox/scan.pdf');
    expect(files).not.toContain('DocuVault/Inbox/Invoice March.pdf');
    expect(await readText(await backend.get(moved))).toBe('scanned');
  });

  it('does not move a document whose place has not changed, even when it carries a " (2)"', async () => {
    await putText(backend, 'one', hint('same.txt', ['Still']));
    const objectHint = hint('same.txt', ['Still']);
    const { key } = await putText(backend, 'two', objectHint);
    expect(key).toBe('DocuVault/Still/same (2).txt');
    const before = (await server.requests()).length;
    expect(await backend.relocate(key, objectHint)).toBe(key);
    expect((await server.requests()).length).toBe(before);
  });

  it('moves onto a taken name as " (2)"', async () => {
    await putText(backend, 'resident', hint('target.txt', ['Dest']));
    const mover = hint('mover.txt', ['Src']);
    const { key } = await putText(backend, 'mover', mover);
    const moved = await backend.relocate(key, { ...mover, name: 'target.txt', folderPath: ['Dest'] });
    expect(moved).toBe('DocuVault/Dest/target (2).txt');
    expect(await readText(await backend.get('DocuVault/Dest/target.txt'))).toBe('resident');
  });

  it('recreates its folders when the person deleted them on the server', async () => {
    const fresh = await startWebDavServer();
    const connected = new WebDavBackend({ url: fresh.url, username: fresh.username }, { password: fresh.password });
    try {
      await putText(connected, 'one', hint('a.txt', ['Kept']));
      expect(await rawRequest(`${fresh.url}DocuVault/`, 'DELETE', basicAuth(fresh.username, fresh.password))).toBeLessThan(300);
      expect(await fresh.files()).toEqual([]);
      const { key } = await putText(connected, 'two', hint('b.txt', ['Kept']));
      expect(key).toBe('DocuVault/Kept/b.txt');
      expect(await fresh.files()).toContain('DocuVault/Kept/b.txt');
    } finally {
      connected.close();
      await fresh.close();
    }
  });

  it('answers NOT_FOUND for a forged key without sending anything', async () => {
    const before = (await server.requests()).length;
    for (const key of ['../etc/passwd', 'DocuVault/../secret.txt', 'Other/file.txt', 'DocuVault', '', 'DocuVault//x']) {
      await expect(backend.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(backend.delete(key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await backend.stat(key)).toBeNull();
    }
    expect((await server.requests()).length).toBe(before);
  });

  it('answers NOT_FOUND when relocating a document that was removed on the server', async () => {
    const objectHint = hint('vanishing.txt', ['Gone']);
    const { key } = await putText(backend, 'soon gone', objectHint);
    await backend.delete(key);
    const error = await rejectionOf(backend.relocate(key, { ...objectHint, name: 'renamed.txt' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(pathsOf(await server.requests(), 'MOVE')).not.toContain('/dav/DocuVault/Gone/vanishing.txt');
  });
});
