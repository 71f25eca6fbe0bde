import { useEffect, useEffectEvent } from 'react';
import type { EventMap, EventName } from '../../src-shared/contract';
import { useClient } from './api-context';

/** Subscribes to an event main pushes, for the lifetime of the component. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): void {
  const client = useClient();
  const onEvent = useEffectEvent(listener);
  useEffect(() => client.on(event, (payload) => onEvent(payload)), [client, event]);
}
