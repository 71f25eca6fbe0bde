import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the preview server. It binds loopback only, yet any local
 * process and any web page the person opens could still reach it, so every
 * request must carry the per-run token (as a cookie set by the first visit, or
 * a Bearer header for tools), name our own host (DNS rebinding), and come from
 * our own origin.
 */
export type AccessDecision =
  | { readonly kind: 'allow' }
  /** The token arrived in the address bar: set the cookie and redirect to drop it from the URL. */
  | { readonly kind: 'grant'; readonly location: string; readonly setCookie: string }
  | { readonly kind: 'deny'; readonly status: 401 | 403; readonly reason: string };

export const TOKEN_QUERY_PARAM = 'token';

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export class PreviewAccess {
  readonly cookieName: string;
  private readonly tokenDigest: Buffer;
  private readonly allowedHosts: ReadonlySet<string>;

  constructor(
    readonly token: string,
    readonly port: number,
  ) {
    // Cookies are not isolated by port: a per-port name keeps two previews from clobbering each other.
    this.cookieName = `docuvault_preview_${port}`;
    this.tokenDigest = digest(token);
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  check(req: IncomingMessage): AccessDecision {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.allowedHosts.has(host)) return deny(403, 'Unknown host.');

    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) return deny(403, 'Foreign origin.');

    // Fetch metadata: a page on another local port is "same-site" and would carry our
    // SameSite cookie; only our own pages (same-origin) and typed URLs (none) may reach us.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return deny(403, 'Cross-site request.');

    const url = new URL(req.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get(TOKEN_QUERY_PARAM);
    if (queryToken !== null) {
      if (!this.matches(queryToken)) return deny(403, 'Wrong token.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return { kind: 'allow' };
      url.searchParams.delete(TOKEN_QUERY_PARAM);
      // Never a protocol-relative "//elsewhere": the redirect stays on this origin.
      const path = url.pathname.startsWith('//') ? '/' : url.pathname;
      return { kind: 'grant', location: path + url.search, setCookie: this.cookie() };
    }

    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      return match && this.matches(match[1]!) ? { kind: 'allow' } : deny(401, 'Wrong token.');
    }

    const cookie = readCookie(req.headers.cookie, this.cookieName);
    if (cookie === null) return deny(401, 'Open the address printed by `npm run preview` (it carries the access token).');
    return this.matches(cookie) ? { kind: 'allow' } : deny(401, 'Wrong token.');
  }

  private cookie(): string {
    return `${this.cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
  }

  private matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.tokenDigest);
  }
}

function deny(status: 401 | 403, reason: string): AccessDecision {
  return { kind: 'deny', status, reason };
}

/** Hashing first makes the comparison constant-time whatever the candidate's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
