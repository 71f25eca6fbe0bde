import type { ChannelInput, ChannelName, ChannelOutput, EventName } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';
import type { DocuVaultClient } from './client';

/**
 * A client that can ask main before anyone in the window needs the answer: the
 * start-up requests go out while React is still loading and mounting, and the
 * hook that asks the same question a moment later gets that answer instead of
 * a second round trip.
 */
export interface PrefetchingClient extends DocuVaultClient {
  /**
   * Sends the request now. The first `invoke` of the same channel with an equal
   * input takes this answer (once); any later one asks main again.
   */
  prefetch<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
}

/** Events after which a kept answer may be out of date: it is dropped, and the next invoke asks main. */
const INVALIDATING_EVENTS: readonly EventName[] = ['folders:changed', 'documents:changed', 'connections:changed'];

/** A kept answer not taken by then is not served: it only stands in for a request made at start-up. */
export const PREFETCH_MAX_AGE_MS = 10_000;

interface Kept {
  readonly answer: Promise<Result<unknown>>;
  readonly at: number;
}

/** A key for a channel and input that does not depend on the order of the input's keys. */
export function requestKey(channel: ChannelName, input: unknown): string {
  return `${channel} ${JSON.stringify(input, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )}`;
}

export function withPrefetch(client: DocuVaultClient, now: () => number = () => performance.now()): PrefetchingClient {
  const kept = new Map<string, Kept>();
  let following = false;

  // From the first prefetch on, for the window's life: unsubscribing as soon as the answers are taken would
  // close the preview's event stream just before the window's own listeners open it again.
  const follow = () => {
    if (following) return;
    following = true;
    for (const event of INVALIDATING_EVENTS) client.on(event, () => kept.clear());
  };

  return {
    on: (event, listener) => client.on(event, listener),
    uploadFiles: (folderId, files) => client.uploadFiles(folderId, files),
    invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      const key = requestKey(channel, input);
      const answer = kept.get(key);
      if (answer) {
        kept.delete(key);
        if (now() - answer.at <= PREFETCH_MAX_AGE_MS) return answer.answer as Promise<Result<ChannelOutput<C>>>;
      }
      return client.invoke(channel, input);
    },
    prefetch<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      const answer = client.invoke(channel, input);
      follow();
      const key = requestKey(channel, input);
      kept.set(key, { answer, at: now() });
      // A failed answer is not worth keeping: whoever asks next asks main again.
      void answer.then((result) => {
        if (!result.ok && kept.get(key)?.answer === answer) kept.delete(key);
      });
      return answer;
    },
  };
}
