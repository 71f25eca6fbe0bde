import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { guardBackend, type GuardHooks } from '../../../src-main/core/connections/guarded-backend';
import { CloudConnectionError } from '../../../src-main/core/storage/backend-errors';
import type { FilePutRequest, PutResult, StorageBackend } from '../../../src-main/core/storage/storage-backend';

const stored: PutResult = { key: 'k', size: 3, sha256: 'a'.repeat(64) };
const fileRequest: FilePutRequest = {
  file: {} as FileHandle,
  size: 3,
  hint: { documentId: '8b0c2a52-5f0e-4a53-9d3c-0c1f5b1f7a10', name: 'scan.pdf', folderPath: [], contentType: 'application/pdf' },
};

function backendWith(putFile: StorageBackend['putFile']): StorageBackend {
  return {
    kind: 'google_drive',
    capabilities: { presignedGet: false, presignedPut: false, followsNames: true },
    put: vi.fn(),
    putFile,
    get: vi.fn(),
    delete: vi.fn(),
    stat: vi.fn(),
    healthCheck: vi.fn(),
    discardIncomplete: vi.fn(),
  } as StorageBackend;
}

function hooks(overrides: Partial<GuardHooks> = {}): GuardHooks & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    isUsable: () => true,
    onReauthRequired: (reason) => events.push(`reauth: ${reason}`),
    refreshToken: async () => {
      events.push('refresh');
    },
    beforePut: async () => {
      events.push('before put');
    },
    ...overrides,
  };
}

describe('guardBackend: files read in place (putFile)', () => {
  it('forwards putFile, refreshing a token about to expire first, as for a streamed put', async () => {
    const h = hooks();
    const putFile = vi.fn(async () => {
      h.events.push('putFile');
      return stored;
    });
    const guarded = guardBackend(backendWith(putFile), h);
    expect(await guarded.putFile!(fileRequest)).toBe(stored);
    expect(h.events).toEqual(['before put', 'putFile']);
  });

  it('leaves putFile out when the backend has none, so the upload manager streams instead', () => {
    expect(guardBackend(backendWith(undefined), hooks()).putFile).toBeUndefined();
  });

  it('sends nothing once the connection needs re-authentication', async () => {
    const putFile = vi.fn(async () => stored);
    const guarded = guardBackend(backendWith(putFile), hooks({ isUsable: () => false }));
    await expect(guarded.putFile!(fileRequest)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(putFile).not.toHaveBeenCalled();
  });

  it('marks the connection for reconnecting when the provider refuses the credentials during an upload', async () => {
    const h = hooks();
    const guarded = guardBackend(
      backendWith(async () => {
        throw new CloudConnectionError('invalid_grant');
      }),
      h,
    );
    await expect(guarded.putFile!(fileRequest)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'invalid_grant' });
    expect(h.events).toEqual(['before put', 'reauth: The sign-in is no longer valid.']);
  });

  it('does not replay an upload after an expired token: the upload fails once and the person retries', async () => {
    const h = hooks();
    const putFile = vi.fn(async (): Promise<PutResult> => {
      throw new CloudConnectionError('token_expired');
    });
    const guarded = guardBackend(backendWith(putFile), h);
    await expect(guarded.putFile!(fileRequest)).rejects.toMatchObject({ reason: 'token_expired' });
    expect(putFile).toHaveBeenCalledTimes(1);
    expect(h.events).toEqual(['before put']);
  });
});
