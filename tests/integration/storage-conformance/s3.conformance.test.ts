import { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import { startFaultProxy } from '../../servers/fault-proxy';
import { S3RVER_CREDENTIALS, startS3Server } from '../../servers/s3-server';
import { describeBackendConformance } from './conformance';

describeBackendConformance('S3 (s3rver)', async () => {
  const server = await startS3Server();
  // The backend talks to s3rver only through the proxy, so the fault tests can break its requests.
  const faults = await startFaultProxy(server.url);
  const backend = new S3Backend(
    { endpoint: faults.url, region: 'us-east-1', bucket: server.bucket, pathStyle: true },
    S3RVER_CREDENTIALS,
    { retry: { attempts: 4, baseDelayMs: 20 } },
  );
  return {
    backend,
    faults,
    async cleanup() {
      await faults.close();
      await server.close();
    },
  };
});
