import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { makeTempDir } from '../support/temp-dir';

/** s3rver's built-in account; any other access key ID is refused with InvalidAccessKeyId. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: an IP host, so s3rver reads requests path-style. */
  readonly url: string;
  readonly bucket: string;
  /** Where s3rver keeps buckets and objects on disk. */
  readonly directory: string;
  close(): Promise<void>;
}

/**
 * Runs in the child: s3rver on an ephemeral loopback port, reporting the port
 * over IPC and shutting down when the parent disconnects (or dies).
 */
const CHILD_SCRIPT = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory: process.env.S3RVER_DIRECTORY,
  silent: true,
  configureBuckets: [{ name: process.env.S3RVER_BUCKET }],
});
server.run().then(
  (address) => process.send({ port: address.port }),
  (error) => { console.error(error); process.exit(1); },
);
process.on('disconnect', () => server.close().finally(() => process.exit(0)));
`;

/**
 * s3rver in a child process, storing in a fresh temporary directory, with one
 * bucket created. A separate process keeps the server's heap and event loop out
 * of the test's memory measurements (which force collections every few
 * milliseconds) and makes it behave like the remote server it stands for.
 *
 * Note: s3rver checks that the access key ID exists but does not verify SigV4
 * signatures, so a wrong secret key is only noticed by a real server (tests
 * inject a SignatureDoesNotMatch answer through the fault proxy instead).
 */
export async function startS3Server(bucket = 'docuvault-test'): Promise<S3TestServer> {
  const dir = await makeTempDir('docuvault-s3rver-');
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      S3RVER_MODULE: createRequire(import.meta.url).resolve('s3rver'),
      S3RVER_DIRECTORY: dir.path,
      S3RVER_BUCKET: bucket,
    },
  });
  try {
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(() => {
        throw new Error('s3rver exited before it was ready');
      }),
    ])) as [{ port: number }];
    return {
      url: `http://127.0.0.1:${message.port}`,
      bucket,
      directory: dir.path,
      async close() {
        if (child.exitCode === null) {
          const exited = once(child, 'exit');
          child.disconnect();
          await exited;
        }
        await dir.remove();
      },
    };
  } catch (error) {
    child.kill();
    await dir.remove();
    throw error;
  }
}
