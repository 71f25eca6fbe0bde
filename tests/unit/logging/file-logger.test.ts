import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../../src-main/core/logging/file-logger';
import { redactingLogger, teeLogger } from '../../../src-main/core/logging/tee-logger';

let dir: string;
const clock = { now: () => new Date('2025-03-01T12:00:00.000Z') };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docuvault-logs-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the file logger', () => {
  it('writes one JSON object per line, with time, level, message and fields', async () => {
    const logger = createFileLogger({ dir, clock });
    logger.log('info', 'vault opened', { documents: 3 });
    logger.log('warn', 'no fields');
    logger.close();
    expect(await lines(join(dir, 'docuvault.log'))).toEqual([
      { time: '2025-03-01T12:00:00.000Z', level: 'info', message: 'vault opened', fields: { documents: 3 } },
      { time: '2025-03-01T12:00:00.000Z', level: 'warn', message: 'no fields' },
    ]);
    expect((await stat(logger.file)).mode & 0o777).toBe(0o600);
  });

  it('never writes a token, password, Authorization header or presigned signature to disk', async () => {
    const logger = createFileLogger({ dir, clock });
    logger.log('error', 'token refresh failed for Bearer eyJhbGciOi.eyJzdWIiOi.sig-part', {
      refreshToken: 'M.R3_BAY.refresh',
      password: 'hunter2',
      headers: { Authorization: 'Basic YWxpY2U6aHVudGVyMg==' },
      url: 'https://b.s3.amazonaws.com/o?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=deadbeef',
      detail: 'server said {"access_token":"EwBwA8l6"}',
    });
    logger.close();
    const text = await readFile(logger.file, 'utf8');
    for (const secret of ['eyJhbGciOi', 'M.R3_BAY.refresh', 'hunter2', 'YWxpY2U6aHVudGVyMg==', 'AKIAEXAMPLE', 'deadbeef', 'EwBwA8l6']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('rotates by size and keeps at most maxFiles files', async () => {
    const logger = createFileLogger({ dir, clock, maxBytes: 1024, maxFiles: 3 });
    for (let i = 0; i < 60; i++) logger.log('info', `entry ${String(i).padStart(3, '0')} ${'x'.repeat(60)}`);
    logger.close();
    expect((await readdir(dir)).sort()).toEqual(['docuvault.1.log', 'docuvault.2.log', 'docuvault.log']);
    for (const name of await readdir(dir)) expect((await stat(join(dir, name))).size).toBeLessThanOrEqual(1024);
    // The newest entries are in the current file, the ones just before in .1.
    const current = await lines(join(dir, 'docuvault.log'));
    expect(current.at(-1)!['message']).toMatch(/^entry 059/);
    const previous = await lines(join(dir, 'docuvault.1.log'));
    expect(Number(String(previous.at(-1)!['message']).slice(6, 9)) + 1).toBe(Number(String(current[0]!['message']).slice(6, 9)));
  });

  it('appends to the file a previous run left', async () => {
    const first = createFileLogger({ dir, clock });
    first.log('info', 'run 1');
    first.close();
    const second = createFileLogger({ dir, clock });
    second.log('info', 'run 2');
    second.close();
    expect((await lines(second.file)).map((line) => line['message'])).toEqual(['run 1', 'run 2']);
  });

  it('does not throw when the disk refuses the write, and says so once', async () => {
    const blocker = join(dir, 'not-a-folder');
    await import('node:fs/promises').then((fs) => fs.writeFile(blocker, 'x'));
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logger = createFileLogger({ dir: join(blocker, 'logs'), clock });
    expect(() => {
      logger.log('info', 'one');
      logger.log('info', 'two');
    }).not.toThrow();
    expect(stderr).toHaveBeenCalledTimes(1);
    stderr.mockRestore();
  });

  it('cuts a runaway line instead of flooding the file', async () => {
    const logger = createFileLogger({ dir, clock });
    logger.log('info', 'big', { blob: 'y'.repeat(100_000) });
    logger.close();
    const [line] = await lines(logger.file);
    expect(line!['message']).toMatch(/^big \[line cut: \d+ chars\]$/);
    expect(line).not.toHaveProperty('fields');
  });
});

describe('tee and redacting loggers', () => {
  it('sends each entry to every logger, the console one redacted too', () => {
    const seen: unknown[] = [];
    const plain = { log: (...args: unknown[]) => seen.push(['plain', ...args]) };
    const console = redactingLogger({ log: (...args: unknown[]) => seen.push(['console', ...args]) });
    teeLogger(plain, console).log('info', 'sign-in with password=hunter2', { token: 't' });
    expect(seen).toEqual([
      ['plain', 'info', 'sign-in with password=hunter2', { token: 't' }],
      ['console', 'info', 'sign-in with password=[redacted]', { token: '[redacted]' }],
    ]);
  });
});
