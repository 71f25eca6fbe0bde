import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertUrlAllowed } from '../../../src-main/core/net/assert-url-allowed';
import { createGuardedAgents } from '../../../src-main/core/net/guarded-agents';
import type { HostLookup } from '../../../src-main/core/net/host-lookup';
import { parseServerUrl } from '../../../src-main/core/net/url-policy';
import { fakeDns } from './support/fake-dns';
import { fetchThrough } from './support/fetch-through';
import { startHttpServer, type CountingServer } from './support/local-servers';

let server: CountingServer;

beforeAll(async () => {
  server = await startHttpServer();
});

afterAll(async () => {
  await server.close();
});

const lookup = fakeDns({
  'nas.test': ['127.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'split.test': ['127.0.0.1', '169.254.169.254'],
});

/** What a connect form does: read the typed address, check it, then health-check the server through guarded agents. */
async function connectLikeTheService(input: string, options: { strict: boolean; lookup: HostLookup }): Promise<unknown> {
  const url = parseServerUrl(input);
  await assertUrlAllowed(url, options);
  const agents = createGuardedAgents(options);
  try {
    return await fetchThrough(url.href, agents.httpAgent);
  } finally {
    agents.destroy();
  }
}

describe('a connect-style call', () => {
  it('reaches an allowed server (the control for the cases below)', async () => {
    const before = server.requests;
    await expect(connectLikeTheService(`http://nas.test:${server.port}/dav`, { strict: false, lookup })).resolves.toMatchObject({
      status: 200,
    });
    expect(server.requests).toBe(before + 1);
  });

  it.each([
    ['http://[::ffff:127.0.0.1]:PORT/dav', true],
    ['http://127.0.0.1:PORT/dav', true],
    ['http://2130706433:PORT/dav', true],
    ['http://nas.test:PORT/dav', true],
    ['http://localhost:PORT/dav', true],
    ['http://alice:s3cr3t@127.0.0.1:PORT/dav', false],
    ['http://metadata.test:PORT/dav', false],
    ['http://split.test:PORT/dav', false],
    ['ftp://127.0.0.1:PORT/dav', false],
  ])('with %s (strict: %s) fails with VALIDATION before any traffic reaches the server', async (template, strict) => {
    const before = server.connections;
    const error = await connectLikeTheService(template.replace('PORT', String(server.port)), { strict, lookup }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect((error as Error).message).not.toContain('s3cr3t');
    expect(server.connections).toBe(before);
  });
});
