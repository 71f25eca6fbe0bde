import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, contract } from '../../../src-shared/contract';
import { AppError } from '../../../src-main/core/errors';
import { createRouter, describeValidationError, type Handlers } from '../../../src-main/ipc/router';

function handlersThat(impl: () => unknown): Handlers {
  return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, impl])) as unknown as Handlers;
}

describe('router', () => {
  it('answers unknown channels with VALIDATION, without calling anything', async () => {
    const impl = vi.fn();
    const router = createRouter(handlersThat(impl), { log: vi.fn() });
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null, undefined, { toString: () => 'folders:list' }]) {
      expect(await router.invoke(channel, {})).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Unknown request.' } });
    }
    expect(impl).not.toHaveBeenCalled();
  });

  it('parses input with the channel schema before any work', async () => {
    const impl = vi.fn(() => 'done');
    const router = createRouter(handlersThat(impl), { log: vi.fn() });
    const bad = await router.invoke('documents:get', { id: 'not-a-uuid', extra: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(impl).not.toHaveBeenCalled();
    expect(await router.invoke('documents:list', {})).toEqual({ ok: true, value: 'done' });
    // Defaults are applied for the handler.
    expect(impl).toHaveBeenLastCalledWith({ sortBy: 'createdAt', sortDir: 'desc', offset: 0, limit: 200 }, {});
  });

  it('passes a deliberate AppError through as a typed envelope', async () => {
    const router = createRouter(
      handlersThat(() => {
        throw new AppError('CONFLICT', 'A folder with that name exists.');
      }),
      { log: vi.fn() },
    );
    expect(await router.invoke('folders:list', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'A folder with that name exists.' } });
  });

  it('turns anything unexpected into INTERNAL without leaking its message or stack', async () => {
    const log = vi.fn();
    const router = createRouter(
      handlersThat(async () => {
        throw new Error('SQLITE_CORRUPT at /home/alice/.config/docuvault token=abc123');
      }),
      { log },
    );
    const result = await router.invoke('folders:list', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Please try again.' } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|alice|abc123/);
    expect(log).toHaveBeenCalledWith('error', 'handler failed', expect.objectContaining({ channel: 'folders:list' }));
  });

  it('describes validation problems by field, never echoing the value sent', () => {
    const schema = z.object({ name: z.string().max(3) });
    const parsed = schema.safeParse({ name: 'super-secret-password' });
    const message = describeValidationError(parsed.error!);
    expect(message).toContain('(name)');
    expect(message).not.toContain('super-secret-password');
  });

  it('has a schema for every channel', () => {
    for (const name of CHANNEL_NAMES) expect(contract[name].input).toBeInstanceOf(z.ZodType);
  });
});
