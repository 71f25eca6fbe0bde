import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../../src-renderer/ui/byte-size';
import { checkNextcloudAppPassword, checkS3, checkServerUrl, checkWebDav } from '../../../src-renderer/features/connections/connection-forms';
import { disconnectChoices } from '../../../src-renderer/features/connections/disconnect-choices';
import type { ConnectionDto } from '../../../src-shared/domain';

describe('parseByteSize', () => {
  it('reads sizes as people write them', () => {
    expect(parseByteSize('50 GB')).toEqual({ ok: true, bytes: 50e9 });
    expect(parseByteSize('1.5TB')).toEqual({ ok: true, bytes: 1.5e12 });
    expect(parseByteSize('500 mib')).toEqual({ ok: true, bytes: 500 * 2 ** 20 });
    expect(parseByteSize('2,5 GB')).toEqual({ ok: true, bytes: 2.5e9 });
    // A bare number means gigabytes.
    expect(parseByteSize('20')).toEqual({ ok: true, bytes: 20e9 });
    expect(parseByteSize('  ')).toEqual({ ok: true, bytes: null });
  });

  it('explains what it cannot read', () => {
    expect(parseByteSize('lots')).toMatchObject({ ok: false });
    expect(parseByteSize('5 parsecs')).toEqual({ ok: false, message: '“parsecs” is not a unit DocuVault knows. Use KB, MB, GB or TB.' });
    expect(parseByteSize('0 GB')).toMatchObject({ ok: false });
  });
});

describe('connection form checks', () => {
  it('asks for a server address with its scheme', () => {
    expect(checkServerUrl('')).toMatch(/Enter the address/);
    expect(checkServerUrl('dav.example.com')).toMatch(/Start the server address with https:\/\//);
    expect(checkServerUrl('ftp://dav.example.com')).toMatch(/connects to servers with https:\/\//);
    expect(checkServerUrl('https://dav.example.com/remote.php/webdav/')).toBeNull();
  });

  it('names every missing WebDAV field and builds nothing until all are there', () => {
    const checked = checkWebDav({ url: '', username: ' ', password: '', label: '' });
    expect(Object.keys(checked.errors).sort()).toEqual(['password', 'url', 'username']);
    expect(checked.input).toBeNull();
    expect(checkWebDav({ url: ' https://nas.local/dav ', username: 'alice', password: 'pw', label: '' }).input).toEqual({
      url: 'https://nas.local/dav',
      username: 'alice',
      password: 'pw',
    });
  });

  it('turns the S3 form into the contract’s input: default region, parsed quota, optional prefix', () => {
    const checked = checkS3({
      endpoint: 'https://minio.local:9000',
      region: '',
      bucket: 'docs',
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      pathStyle: false,
      prefix: '',
      quota: '10 GB',
      label: 'MinIO',
    });
    expect(checked.input).toEqual({
      endpoint: 'https://minio.local:9000',
      region: 'us-east-1',
      bucket: 'docs',
      pathStyle: false,
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      quotaBytes: 10e9,
      label: 'MinIO',
    });
    expect(checkS3({ ...emptyS3(), bucket: 'ab', quota: 'much' }).errors).toMatchObject({
      bucket: 'Bucket names have 3 to 63 characters.',
      quota: expect.stringMatching(/Enter a size/),
    });
  });

  it('needs a login name and an app password for Nextcloud app passwords', () => {
    const checked = checkNextcloudAppPassword({ serverUrl: 'https://cloud.example.com', label: '', loginName: '', appPassword: '' });
    expect(Object.keys(checked.errors).sort()).toEqual(['appPassword', 'loginName']);
  });
});

function emptyS3() {
  return { endpoint: '', region: '', bucket: '', accessKeyId: '', secretAccessKey: '', pathStyle: true, prefix: '', quota: '', label: '' };
}

describe('disconnect choices', () => {
  const connection: ConnectionDto = {
    id: 'c1',
    provider: 'webdav',
    label: 'Home NAS',
    account: 'alice',
    status: 'ACTIVE',
    lastError: null,
    settings: {},
    quotaBytes: null,
    folderCount: 2,
    documentCount: 12,
    createdAt: '2025-01-01T00:00:00.000Z',
  };

  it('says in this connection’s numbers what each choice does to the documents', () => {
    const [remove, keep, forget] = disconnectChoices(connection);
    expect(remove?.consequence).toMatch(/deletes the 12 documents it stored on Home NAS from the server/);
    expect(remove?.consequence).toMatch(/cannot be undone/);
    expect(keep?.consequence).toMatch(/The 12 documents and 2 folders stay in DocuVault, dimmed/);
    expect(keep?.consequence).toMatch(/Nothing is deleted from the server/);
    expect(forget?.consequence).toMatch(/The files stay on Home NAS, untouched/);
  });

  it('cannot delete from a server it cannot reach, nor keep listing what is already unavailable', () => {
    const [remove, keep, forget] = disconnectChoices({ ...connection, status: 'DISCONNECTED' });
    expect(remove?.unavailableBecause).toMatch(/Reconnect first/);
    expect(keep?.unavailableBecause).toMatch(/already listed as unavailable/);
    expect(forget?.unavailableBecause).toBeNull();
  });
});
