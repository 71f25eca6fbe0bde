import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertUrlAllowed } from '../../../src-main/core/net/assert-url-allowed';
import { agentFor, createGuardedAgents, type GuardedAgents } from '../../../src-main/core/net/guarded-agents';
import { fakeDns } from './support/fake-dns';
import { fetchThrough } from './support/fetch-through';
import { startHttpServer, type CountingServer } from './support/local-servers';

let server: CountingServer;
let agents: GuardedAgents | undefined;

beforeAll(async () => {
  server = await startHttpServer();
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  agents?.destroy();
  agents = undefined;
});

function guarded(options: Parameters<typeof createGuardedAgents>[0]): GuardedAgents {
  agents = createGuardedAgents(options);
  return agents;
}

/** Runs `action` and returns how many connections and requests the local server saw meanwhile. */
async function traffic(action: () => Promise<unknown>): Promise<{ outcome: unknown; connections: number; requests: number }> {
  const before = { connections: server.connections, requests: server.requests };
  const outcome = await action().catch((error: unknown) => error);
  return { outcome, connections: server.connections - before.connections, requests: server.requests - before.requests };
}

describe('guarded agents, checking at connect time', () => {
  it('reaches the local server through a name the resolver maps to 127.0.0.1', async () => {
    const { httpAgent } = guarded({ lookup: fakeDns({ 'nas.test': ['127.0.0.1'] }) });
    const result = await traffic(() => fetchThrough(`http://nas.test:${server.port}/`, httpAgent));
    expect(result.outcome).toEqual({ status: 200, body: 'hello from the test server' });
    expect(result.requests).toBe(1);
  });

  it.each([
    ['169.254.169.254', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
  ])('refuses a name the resolver maps to %s, without connecting', async (address, reason) => {
    const { httpAgent } = guarded({ lookup: fakeDns({ 'nas.test': [address] }) });
    const result = await traffic(() => fetchThrough(`http://nas.test:${server.port}/`, httpAgent));
    expect(result.outcome).toMatchObject({ code: 'VALIDATION', reason });
    expect(result.connections).toBe(0);
  });

  it('refuses the whole answer when one of its addresses is forbidden, though another would reach the server', async () => {
    const { httpAgent } = guarded({ lookup: fakeDns({ 'nas.test': ['127.0.0.1', '169.254.169.254'] }) });
    const result = await traffic(() => fetchThrough(`http://nas.test:${server.port}/`, httpAgent));
    expect(result.outcome).toMatchObject({ code: 'VALIDATION', reason: 'link-local' });
    expect(result.connections).toBe(0);
  });

  it('catches DNS rebinding: a name that passed the check is judged again when the socket connects', async () => {
    let answers = 0;
    const lookup = fakeDns({ 'nas.test': () => (answers++ === 0 ? ['192.168.1.10'] : ['169.254.169.254']) });
    await expect(assertUrlAllowed(`http://nas.test:${server.port}/`, { lookup })).resolves.toBeUndefined();
    const { httpAgent } = guarded({ lookup });
    const result = await traffic(() => fetchThrough(`http://nas.test:${server.port}/`, httpAgent));
    expect(result.outcome).toMatchObject({ code: 'VALIDATION', reason: 'link-local' });
    expect(answers).toBe(2);
    expect(result.connections).toBe(0);
  });

  it.each([`http://[::ffff:127.0.0.1]:PORT/`, `http://127.0.0.1:PORT/`, `http://2130706433:PORT/`, `http://localhost:PORT/`])(
    'refuses %s in strict mode without connecting',
    async (template) => {
      const { httpAgent } = guarded({ strict: true, lookup: fakeDns({}) });
      const result = await traffic(() => fetchThrough(template.replace('PORT', String(server.port)), httpAgent));
      expect(result.outcome).toMatchObject({ code: 'VALIDATION', reason: 'loopback-in-strict-mode' });
      expect(result.connections).toBe(0);
    },
  );

  it('judges a host given in an odd IPv4 spelling by the address it stands for, and dials that address', async () => {
    const hostOptions = { host: '0177.0.0.1', port: server.port, path: '/' };
    const allowed = await traffic(() => fetchThrough(hostOptions, guarded({ lookup: fakeDns({}) }).httpAgent));
    expect(allowed.outcome).toMatchObject({ status: 200 });
    expect(allowed.requests).toBe(1);
    agents?.destroy();
    const refused = await traffic(() => fetchThrough(hostOptions, guarded({ strict: true, lookup: fakeDns({}) }).httpAgent));
    expect(refused.outcome).toMatchObject({ code: 'VALIDATION', reason: 'loopback-in-strict-mode' });
    expect(refused.connections).toBe(0);
  });

  it('refuses plain http to a name that resolves to a public address before connecting', async () => {
    const lookup = fakeDns({ 'cloud.test': ['203.0.113.10'] });
    const { httpAgent } = guarded({ lookup });
    await expect(fetchThrough(`http://cloud.test:${server.port}/`, httpAgent)).rejects.toMatchObject({
      code: 'VALIDATION',
      reason: 'plain-http-to-public',
    });
  });

  it('picks the agent for a URL scheme, for clients that take a single agent', () => {
    const pair = guarded({});
    expect(agentFor(pair, 'https://nas.test/')).toBe(pair.httpsAgent);
    expect(agentFor(pair, new URL('http://nas.test/'))).toBe(pair.httpAgent);
  });
});
