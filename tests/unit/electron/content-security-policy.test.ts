import { describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY } from '../../../src-main/electron/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('the app page CSP', () => {
  const policy = directives(APP_CONTENT_SECURITY_POLICY);

  it('allows script and style from the app only: no inline code, no eval', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // WebAssembly compilation only (pdf.js's image decoders); no 'unsafe-eval', no 'unsafe-inline'.
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|'unsafe-eval'|\*/);
  });

  it('lets documents load from the content scheme only where they are displayed', () => {
    expect(policy.get('img-src')).toEqual(["'self'", 'blob:', 'data:', 'docuvault-content:']);
    expect(policy.get('media-src')).toEqual(['docuvault-content:']);
    expect(policy.get('connect-src')).toEqual(["'self'", 'docuvault-content:']);
    expect(policy.get('frame-src')).toEqual(['docuvault-content:']);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('refuses plugins, base rewriting, form posts and being framed', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
