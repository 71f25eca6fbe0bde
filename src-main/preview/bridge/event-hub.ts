import type { EventMap, EventName } from '../../../src-shared/contract';
import { PREVIEW_ROUTES } from '../protocol';

type AnyListener = (payload: unknown) => void;

/**
 * One EventSource for the whole window, opened with the first subscription and
 * closed with the last. The browser reconnects it by itself after a drop.
 */
export class EventHub {
  private source: EventSource | null = null;
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private readonly hooked = new Set<EventName>();

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as AnyListener;
    set.add(entry);
    this.hook(event);
    return () => {
      set.delete(entry);
      if ([...this.listeners.values()].every((s) => s.size === 0)) this.disconnect();
    };
  }

  private hook(event: EventName): void {
    if (!this.source) {
      this.source = new EventSource(PREVIEW_ROUTES.events);
      this.hooked.clear();
    }
    if (this.hooked.has(event)) return;
    this.hooked.add(event);
    this.source.addEventListener(event, (message) => this.dispatch(event, (message as MessageEvent<string>).data));
  }

  private dispatch(event: EventName, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      // One failing listener must not starve the others, as in main's event bus.
      try {
        listener(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  private disconnect(): void {
    this.source?.close();
    this.source = null;
    this.hooked.clear();
  }
}
