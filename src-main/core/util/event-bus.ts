import { EVENT_NAMES, type EventMap, type EventName } from '../../../src-shared/contract';

export type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** Typed fan-out of the events main pushes to windows. Transports subscribe; services emit. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Subscribe to every event, e.g. to forward them over one transport. */
  onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    const offs = EVENT_NAMES.map((event) => this.on(event, (payload) => listener(event, payload)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      // A failing subscriber (a closed window) must not break the service that emitted.
      try {
        listener(payload);
      } catch {
        /* ignored on purpose */
      }
    }
  }
}
