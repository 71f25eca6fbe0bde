import { describe, expect, it } from 'vitest';
import { UrlRefusedError } from '../../../src-main/core/net/url-refused-error';
import { checkAddress, checkUrl, parseServerUrl } from '../../../src-main/core/net/url-policy';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal, but nothing was thrown');
}

describe('checkUrl', () => {
  it.each(['file:///etc/passwd', 'ftp://nas.example.com/', 'javascript:alert(1)', 'gopher://nas.example.com/', 'data:text/plain,hi', 'ws://nas.example.com/'])(
    'refuses the scheme of %s',
    (url) => {
      expect(checkUrl(url)).toMatchObject({ allowed: false, reason: 'unsupported-scheme' });
    },
  );

  it.each(['https://alice:s3cr3t@nas.example.com/dav', 'https://alice@nas.example.com/', 'https://:s3cr3t@nas.example.com/', 'http://alice:s3cr3t@192.168.1.2/'])(
    'refuses credentials embedded in %s without repeating them',
    (url) => {
      const verdict = checkUrl(url);
      expect(verdict).toMatchObject({ allowed: false, reason: 'embedded-credentials' });
      expect(!verdict.allowed && verdict.message).not.toMatch(/s3cr3t|alice/);
    },
  );

  it.each(['http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.0.0.1/', 'http://127.1/', 'http://127.0.0.1./', 'http://[::ffff:127.0.0.1]:8080/', 'http://[::1]/'])(
    'sees %s as this computer: allowed by default, refused in strict mode',
    (url) => {
      expect(checkUrl(url)).toEqual({ allowed: true, addressClass: 'loopback' });
      expect(checkUrl(url, { strict: true })).toMatchObject({ allowed: false, reason: 'loopback-in-strict-mode' });
    },
  );

  it.each([
    ['http://0177.0.0.1/', '0177.0.0.1'],
    ['http://2852039166/', '2852039166'],
    ['http://0xa9.0xfe.0xa9.0xfe/', '0xa9.0xfe.0xa9.0xfe'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:169.254.169.254'],
    ['https://[::ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe'],
    ['http://10.1/', '10.1'],
  ])('judges %s exactly as checkAddress judges the spelling %s', (url, spelling) => {
    for (const strict of [false, true]) {
      const scheme = new URL(url).protocol as 'http:' | 'https:';
      expect(checkUrl(url, { strict })).toEqual(checkAddress(spelling, { strict, scheme }));
    }
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[fe80::1]/', 'link-local'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['https://0.0.0.0:8443/', 'unspecified'],
    ['https://[::]/', 'unspecified'],
    ['https://224.0.0.251/', 'multicast'],
    ['https://[ff02::fb]/', 'multicast'],
    ['https://255.255.255.255/', 'broadcast'],
    ['http://8.8.8.8/', 'plain-http-to-public'],
    ['http://[2606:4700:4700::1111]/', 'plain-http-to-public'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(checkUrl(url)).toMatchObject({ allowed: false, reason });
  });

  it.each([
    ['http://192.168.1.20:5005/webdav', 'private'],
    ['http://10.0.0.2/', 'private'],
    ['http://[fd00::2]/', 'private'],
    ['http://100.101.102.103/', 'shared'],
    ['https://8.8.8.8/', 'public'],
    ['https://[2606:4700:4700::1111]/', 'public'],
  ])('allows %s by default (%s)', (url, addressClass) => {
    expect(checkUrl(url)).toEqual({ allowed: true, addressClass });
  });

  it.each(['http://localhost:8080/', 'http://LOCALHOST./', 'http://nas.localhost/', 'https://dav.nas.localhost./'])(
    'treats %s as this computer without asking DNS',
    (url) => {
      expect(checkUrl(url)).toEqual({ allowed: true, addressClass: 'loopback' });
      expect(checkUrl(url, { strict: true })).toMatchObject({ allowed: false, reason: 'loopback-in-strict-mode' });
    },
  );

  it.each(['https://nas.example.com/', 'http://nas.example.com/', 'https://example.com./', 'http://nas.local:5005/'])(
    'leaves the host name in %s to be judged once resolved',
    (url) => {
      expect(checkUrl(url, { strict: true })).toEqual({ allowed: true, addressClass: undefined });
    },
  );

  it('refuses text that is not a URL', () => {
    expect(checkUrl('not a url')).toMatchObject({ allowed: false, reason: 'invalid-url' });
  });
});

describe('parseServerUrl', () => {
  it('trims white space and otherwise returns the URL as typed', () => {
    expect(parseServerUrl('  https://nas.example.com/remote.php/dav \n').href).toBe('https://nas.example.com/remote.php/dav');
    expect(parseServerUrl('http://192.168.1.2:5005').href).toBe('http://192.168.1.2:5005/');
  });

  it.each(['nas.example.com', 'nas.local:5006', '192.168.1.2:5006', 'localhost:8080/remote.php/dav', '[::1]:8080'])(
    'asks for a scheme instead of guessing one for %s',
    (input) => {
      expect(thrownBy(() => parseServerUrl(input))).toMatchObject({ code: 'VALIDATION', reason: 'missing-scheme' });
    },
  );

  it.each(['ftp://nas.example.com/', 'file:///home', 'javascript:alert(1)', 'gopher://nas.example.com/', 'mailto:someone@example.com'])(
    'refuses the scheme of %s',
    (input) => {
      expect(thrownBy(() => parseServerUrl(input))).toMatchObject({ code: 'VALIDATION', reason: 'unsupported-scheme' });
    },
  );

  it('refuses credentials in the URL with a message that does not repeat them', () => {
    const error = thrownBy(() => parseServerUrl('https://alice:s3cr3t@nas.example.com/'));
    expect(error).toBeInstanceOf(UrlRefusedError);
    expect(error).toMatchObject({ code: 'VALIDATION', reason: 'embedded-credentials' });
    expect((error as Error).message).not.toMatch(/s3cr3t|alice/);
  });

  it.each(['', '   ', 'https://exa mple.com/', 'https://'])('refuses %j as not a server address', (input) => {
    expect(thrownBy(() => parseServerUrl(input))).toMatchObject({ code: 'VALIDATION', reason: 'invalid-url' });
  });

  it('explains that an address with a zone id is link-local', () => {
    expect(thrownBy(() => parseServerUrl('http://[fe80::1%25eth0]:8080/'))).toMatchObject({ code: 'VALIDATION', reason: 'link-local' });
  });
});
