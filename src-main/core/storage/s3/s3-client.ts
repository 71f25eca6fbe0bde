import type { Agent as HttpAgent } from 'node:http';
import { Client } from 'minio';
import type { ResolvedS3Config, S3Credentials } from './s3-config';
import { statusSurfacingTransport } from './status-surfacing-transport';

/**
 * The minio client as this backend uses it:
 * - its own retries are off: they replay a consumed stream, hide Retry-After and
 *   log to the console; every request is retried by the backend instead;
 * - the region is fixed, so no bucket-location lookup precedes requests (one
 *   request per operation, and none that could leak the bucket to the wrong host);
 * - the transport surfaces status-decided answers (401, 429, 5xx) as typed errors;
 * - a guarded agent (URL policy) decides which addresses may be reached.
 */
export function createS3Client(config: ResolvedS3Config, credentials: S3Credentials): Client {
  return new Client({
    endPoint: config.host,
    port: config.port,
    useSSL: config.useSSL,
    region: config.region,
    pathStyle: config.pathStyle,
    accessKey: credentials.accessKeyId,
    secretKey: credentials.secretAccessKey,
    partSize: config.partSize,
    transport: statusSurfacingTransport(config.useSSL),
    // minio types the agent as http.Agent; https.Agent extends it.
    ...(config.transportAgent ? { transportAgent: config.transportAgent as HttpAgent } : {}),
    retryOptions: { disableRetry: true },
  });
}
