import { WebDavBackend } from '../../../src-main/core/storage/webdav/webdav-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import { startWebDavServer } from '../../servers/webdav-server';
import { describeBackendConformance } from './conformance';

describeBackendConformance('WebDAV (webdav-server)', async () => {
  const server = await startWebDavServer();
  const faults = await startFaultProxy(server.url);
  const backend = new WebDavBackend(
    { url: faults.url, username: server.username },
    { password: server.password },
    // Fast, deterministic back-off; the 429 test still waits the server's Retry-After.
    { retry: { baseDelayMs: 10, maxDelayMs: 200, random: () => 1 } },
  );
  return {
    backend,
    faults,
    async cleanup() {
      backend.close();
      await faults.close();
      await server.close();
    },
  };
});
