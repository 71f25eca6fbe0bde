/**
 * Run in a child process by the crash-recovery test: stores one document, then
 * starts an upload and reports where it is, so the parent can kill it with SIGKILL.
 * Usage: node --import tsx crash-child.ts <dataDir> <mid-stream|after-store>
 */
import { PassThrough } from 'node:stream';
import { createVaultCore } from '../../src-main/core/vault-core';
import type { LocalBackend } from '../../src-main/core/storage/local-backend';
import type { PutRequest } from '../../src-main/core/storage/storage-backend';

const [dataDir, mode] = process.argv.slice(2) as [string, 'mid-stream' | 'after-store'];
const say = (line: string) => process.stdout.write(`${line}\n`);

const core = await createVaultCore({
  dataDir,
  decorateLocalBackend: (local) =>
    Object.assign(Object.create(local) as LocalBackend, {
      async put(request: PutRequest) {
        const result = await local.put(request);
        if (mode === 'after-store' && request.hint.name === 'doomed.bin') {
          // The bytes are at their final key, the row still says `uploading`: the worst moment to die.
          say('STORED');
          await new Promise(() => undefined);
        }
        return result;
      },
    }),
});
const folderId = core.folders.list()[0]!.id;

const first = await core.uploads.start(folderId, [{ kind: 'bytes', name: 'safe.txt', bytes: new TextEncoder().encode('safe and sound') }]);
const [safe] = await first.done;
say(`READY ${safe!.documentId}`);

const body = new PassThrough();
await core.uploads.start(folderId, [{ kind: 'stream', ref: 'body', name: 'doomed.bin', size: 8 * 1024 * 1024 }], new Map([['body', body]]));
if (mode === 'mid-stream') {
  body.write(Buffer.alloc(1024 * 1024, 1));
  setTimeout(() => say('MID'), 200);
} else {
  body.end(Buffer.alloc(8 * 1024 * 1024, 2));
}
setInterval(() => undefined, 1000);
