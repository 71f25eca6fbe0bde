import { useCallback } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';
import { useInvoke } from '../../api';
import { useToasts } from '../../ui/toasts';

export type Command = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** Invokes a channel and shows a failure's message as an error toast; the Result is still returned. */
export function useCommand(): Command {
  const invoke = useInvoke();
  const toasts = useToasts();
  return useCallback(
    async (channel, input) => {
      const result = await invoke(channel, input);
      if (!result.ok) toasts.error(result.error.message);
      return result;
    },
    [invoke, toasts],
  ) as Command;
}
