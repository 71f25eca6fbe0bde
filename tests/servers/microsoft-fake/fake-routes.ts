import type { FakeOperation } from './fake-operations';

/** An item addressed by id (`items/{id}`, `root`) and optionally a path below it (`:/a/b:`). */
export interface ItemAddress {
  readonly baseId: string;
  readonly names: readonly string[];
}

export type Route =
  | { readonly area: 'identity'; readonly operation: FakeOperation; readonly tenant: string }
  | { readonly area: 'graph'; readonly operation: FakeOperation; readonly address?: ItemAddress }
  | { readonly area: 'session'; readonly operation: FakeOperation; readonly sessionId: string }
  | { readonly area: 'download'; readonly operation: 'download'; readonly token: string }
  | { readonly area: 'none'; readonly operation: 'unknown' };

const UNKNOWN: Route = { area: 'none', operation: 'unknown' };

function decodeNames(path: string): string[] | null {
  try {
    return path.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/**
 * Splits `root…` or `items/{id}…` into the addressed item and what follows:
 * `items/{id}/children`, `root:/a/b:`, `items/{id}:/{name}:/content`,
 * `root:/a/b` (the closing colon may be left out when nothing follows).
 */
function parseItemPath(rest: string): { address: ItemAddress; tail: string } | null {
  let baseId: string;
  let after: string;
  if (rest === 'root' || rest.startsWith('root/') || rest.startsWith('root:')) {
    baseId = 'root';
    after = rest.slice(4);
  } else {
    const match = /^items\/([^/:]+)(.*)$/.exec(rest);
    if (!match) return null;
    try {
      baseId = decodeURIComponent(match[1]!);
    } catch {
      return null;
    }
    after = match[2]!;
  }
  if (!after.startsWith(':/')) return { address: { baseId, names: [] }, tail: after };
  const close = after.indexOf(':', 2);
  const names = decodeNames(close < 0 ? after.slice(2) : after.slice(2, close));
  if (!names) return null;
  return { address: { baseId, names }, tail: close < 0 ? '' : after.slice(close + 1) };
}

function graphRoute(method: string, rest: string): Route {
  if (rest === 'me' && method === 'GET') return { area: 'graph', operation: 'me' };
  if (rest === 'me/drive' && method === 'GET') return { area: 'graph', operation: 'drive' };
  if (!rest.startsWith('me/drive/')) return UNKNOWN;
  const parsed = parseItemPath(rest.slice('me/drive/'.length));
  if (!parsed) return UNKNOWN;
  const { address, tail } = parsed;
  const at = (operation: FakeOperation): Route => ({ area: 'graph', operation, address });
  switch (tail) {
    case '':
      if (method === 'GET') return at('item.get');
      if (method === 'PATCH') return at('item.update');
      if (method === 'DELETE') return at('item.delete');
      return UNKNOWN;
    case '/children':
      if (method === 'GET') return at('item.children');
      if (method === 'POST') return at('folder.create');
      return UNKNOWN;
    case '/content':
      if (method === 'GET') return at('item.content');
      if (method === 'PUT' && address.names.length > 0) return at('content.put');
      return UNKNOWN;
    case '/createUploadSession':
      return method === 'POST' && address.names.length > 0 ? at('session.create') : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

export function route(method: string, pathname: string): Route {
  const identity = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/authorize|oauth2\/v2\.0\/token)$/.exec(pathname);
  if (identity) {
    const tenant = identity[1]!;
    const operations: Record<string, [string, FakeOperation]> = {
      'v2.0/.well-known/openid-configuration': ['GET', 'openid-configuration'],
      'discovery/v2.0/keys': ['GET', 'jwks'],
      'oauth2/v2.0/authorize': ['GET', 'authorize'],
      'oauth2/v2.0/token': ['POST', 'token'],
    };
    const [allowed, operation] = operations[identity[2]!]!;
    return method === allowed ? { area: 'identity', operation, tenant } : UNKNOWN;
  }
  if (pathname.startsWith('/v1.0/')) return graphRoute(method, pathname.slice('/v1.0/'.length));
  const session = /^\/up\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (session) {
    const operation: FakeOperation = method === 'PUT' ? 'session.fragment' : method === 'GET' ? 'session.status' : method === 'DELETE' ? 'session.delete' : 'unknown';
    return { area: 'session', operation, sessionId: session[1]! };
  }
  const download = /^\/download\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (download && method === 'GET') return { area: 'download', operation: 'download', token: download[1]! };
  return UNKNOWN;
}
