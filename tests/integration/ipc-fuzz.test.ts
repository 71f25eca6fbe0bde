import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/contract';
import { ERROR_CODES } from '../../src-shared/errors';
import { startTestCore, type TestCore } from '../support/test-core';

let t: TestCore;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await startTestCore();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t.close();
});

const uuid = fc.uuid({ version: 4 });
/** Values that look almost right: the shapes a buggy or hostile window would send. */
const nearMiss = fc.oneof(
  fc.anything(),
  fc.record({ id: fc.oneof(uuid, fc.string(), fc.integer()) }, { requiredKeys: [] }),
  fc.record(
    {
      folderId: fc.oneof(uuid, fc.string()),
      ids: fc.array(fc.oneof(uuid, fc.string()), { maxLength: 5 }),
      name: fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 300 }), fc.constant('../../etc/passwd')),
      search: fc.oneof(fc.string(), fc.constant('"'), fc.constant('NEAR(')),
      sortBy: fc.oneof(fc.constantFrom('name', 'size', 'createdAt'), fc.string()),
      offset: fc.oneof(fc.integer(), fc.double()),
      limit: fc.oneof(fc.integer(), fc.double()),
      quotaBytes: fc.oneof(fc.integer(), fc.constant(null), fc.double()),
      sources: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('path'), path: fc.string() }),
          fc.record({ kind: fc.constant('bytes'), name: fc.string(), bytes: fc.uint8Array({ maxLength: 64 }) }),
          fc.record({ kind: fc.constant('stream'), ref: fc.string(), name: fc.string(), size: fc.integer() }),
          fc.anything(),
        ),
        { maxLength: 3 },
      ),
      uploadId: fc.oneof(uuid, fc.string()),
      deleteDocuments: fc.oneof(fc.boolean(), fc.string()),
      __proto__: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

describe('IPC fuzz: thousands of random and malformed payloads', () => {
  it('never crashes, never rejects, and only ever answers typed envelopes', async () => {
    const secretLike = /(\n\s+at )|node_modules|SQLITE_|\.ts:\d+/;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...CHANNEL_NAMES), fc.string()), nearMiss, async (channel, payload) => {
        const result = await t.call(channel, payload);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message).not.toMatch(secretLike);
          expect(result.error.code).not.toBe('INTERNAL');
        }
      }),
      { numRuns: 3000 },
    );
    await t.core.uploads.idle();
    expect(unhandled).toEqual([]);
    // The vault still works afterwards.
    expect((await t.call('folders:list', {})).ok).toBe(true);
  });
});
