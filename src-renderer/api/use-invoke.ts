import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';
import { useClient } from './api-context';

export type Invoke = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** The typed invoke function, for mutations. Stable for the client's lifetime. */
export function useInvoke(): Invoke {
  return useClient().invoke;
}
