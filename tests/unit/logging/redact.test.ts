import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactText } from '../../../src-main/core/logging/redact';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('redactText', () => {
  it.each([
    ['a bearer token', 'GET /me failed: Authorization: Bearer ya29.A0ARrdaM-secret-token', ['ya29.A0ARrdaM-secret-token']],
    ['a basic credential', 'sent Basic dXNlcjpodW50ZXIy to the server', ['dXNlcjpodW50ZXIy']],
    ['an Authorization header in a dump', '{"authorization":"Digest username=alice, response=abc123"}', ['username=alice', 'abc123']],
    ['a cookie header', 'Cookie: nc_session_id=9f8e7d; oc_sessionPassphrase=hunter2', ['9f8e7d', 'hunter2']],
    [
      'a presigned S3 URL',
      'https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20250101&X-Amz-Signature=0123abcdef&X-Amz-Security-Token=FQoGZXIvYXdzE',
      ['AKIAEXAMPLE', '0123abcdef', 'FQoGZXIvYXdzE'],
    ],
    ['a OneDrive pre-authenticated URL', 'redirected to https://contoso.sharepoint.com/_layouts/download.aspx?UniqueId=1&tempauth=v1.eyJzaXRlaWQiOi', ['v1.eyJzaXRlaWQiOi']],
    ['an OAuth redirect with its code and state', 'deep link docuvault://oauth/microsoft?code=M.C507_BAY.2.abcdef&state=s3cr3t-state', ['M.C507_BAY.2.abcdef', 's3cr3t-state']],
    ['credentials inside a URL', 'PROPFIND https://alice:app-password-123@cloud.example.org/remote.php/dav', ['alice', 'app-password-123']],
    ['a token response body', '{"access_token":"EwBwA8l6BAAU","refresh_token":"M.R3_BAY.-CYe","expires_in":3600}', ['EwBwA8l6BAAU', 'M.R3_BAY.-CYe']],
    ['a form body with a password', 'body: grant_type=password&username=alice&password=hunter2', ['hunter2']],
    ['a Nextcloud app password', 'loginFlow answered {"server":"https://c.example","loginName":"alice","appPassword":"Xq9-lk2P-zz01"}', ['Xq9-lk2P-zz01']],
    ['a bare JSON Web Token', `id token was ${jwt} (expired)`, [jwt]],
  ])('removes %s', (_what, input, secrets) => {
    const output = redactText(input);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain(REDACTED);
  });

  it('keeps what helps a person read the log', () => {
    expect(redactText('upload of report.pdf to https://cloud.example.org/remote.php/dav/files/alice/ failed: 507')).toBe(
      'upload of report.pdf to https://cloud.example.org/remote.php/dav/files/alice/ failed: 507',
    );
    expect(redactText('https://bucket.s3.amazonaws.com/k?X-Amz-Expires=900&X-Amz-Signature=abc')).toBe(
      'https://bucket.s3.amazonaws.com/k?X-Amz-Expires=900&X-Amz-Signature=[redacted]',
    );
  });
});

describe('redact', () => {
  it('replaces the values of secret-named fields whole, at any depth', () => {
    const fields = {
      provider: 'onedrive',
      tokens: { accessToken: 'at-1', refreshToken: 'rt-1' },
      request: { headers: { Authorization: 'Bearer abc', 'Content-Type': 'application/json' } },
      config: [{ secretAccessKey: 'wJalrXUtnFEMI', accessKeyId: 'AKIDEXAMPLE' }],
      password: 'hunter2',
      code: 'VALIDATION',
    };
    const output = JSON.stringify(redact(fields));
    for (const secret of ['at-1', 'rt-1', 'Bearer abc', 'wJalrXUtnFEMI', 'AKIDEXAMPLE', 'hunter2']) expect(output).not.toContain(secret);
    expect(redact(fields)).toMatchObject({ provider: 'onedrive', code: 'VALIDATION', request: { headers: { 'Content-Type': 'application/json' } } });
  });

  it('keeps errors to their name and a scrubbed message, buffers to their size, and ends cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const error = new TypeError('fetch https://h.example/x?token=abc failed');
    expect(redact({ error, body: Buffer.from('secret bytes'), cyclic })).toEqual({
      error: { name: 'TypeError', message: 'fetch https://h.example/x?token=[redacted] failed' },
      body: '[12 bytes]',
      cyclic: { name: 'loop', self: '[circular]' },
    });
  });
});
