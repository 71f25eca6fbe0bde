import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src-renderer/api/client';
import type { DocuVaultBridge } from '../../../src-shared/bridge';

describe('client', () => {
  it('turns a transport that throws into an error Result, so callers handle one shape', async () => {
    const broken: DocuVaultBridge = {
      transport: 'preview',
      invoke: async () => {
        throw new Error('socket hang up');
      },
      on: () => () => undefined,
      uploadFiles: () => Promise.reject(new Error('gone')),
    };
    const client = createClient(broken);
    const listed = await client.invoke('folders:list', {});
    expect(listed).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/could not reach/) } });
    expect((await client.uploadFiles('x', [])).ok).toBe(false);
  });
});
