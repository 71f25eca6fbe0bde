import { request, type Agent } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** Token and metadata answers are small JSON; anything bigger is not the identity platform. */
const MAX_BODY_BYTES = 1024 * 1024;

export class IdentityResponseError extends Error {
  constructor(readonly status: number | null) {
    super(`the sign-in service answered ${status ?? 'nothing readable'}`);
    this.name = 'IdentityResponseError';
  }
}

/**
 * MSAL's network client on node:https with a chosen agent: MSAL's default
 * client is the global fetch, which cannot take a CA or an agent, and a local
 * identity fake (tests), a company TLS proxy's CA or the app's guarded agent
 * (production) all need one. Requests and answers carry codes and tokens:
 * nothing here logs them, and errors say only the status.
 */
export class NodeHttpsNetworkModule implements INetworkModule {
  constructor(
    private readonly agent: Agent | undefined,
    private readonly timeoutMs: number,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    const body = method === 'POST' ? (options?.body ?? '') : undefined;
    return new Promise<NetworkResponse<T>>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          headers: { ...options?.headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) },
          ...(this.agent ? { agent: this.agent } : {}),
          timeout: timeout ?? this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let total = 0;
          res.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > MAX_BODY_BYTES) res.destroy(new IdentityResponseError(res.statusCode ?? null));
            else chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              // A proxy's error page or an empty body: MSAL cannot use it, and its text is not ours to repeat.
              reject(new IdentityResponseError(res.statusCode ?? null));
              return;
            }
            resolve({ headers, body: parsed as T, status: res.statusCode ?? 0 });
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('the sign-in service did not answer in time'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    });
  }
}
