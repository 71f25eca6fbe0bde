import type { DavClient } from './dav-client';
import { davUrl, formatKey, type DavPath } from './dav-paths';

/**
 * Creates missing collections top-down (MKCOL is idempotent: an existing one
 * answers 405) and remembers which exist, so a folder costs its MKCOLs once
 * per session rather than once per upload. Concurrent callers share one
 * in-flight creation.
 */
export class CollectionCache {
  private readonly known = new Map<string, Promise<void>>();

  async ensure(client: DavClient, base: URL, path: DavPath): Promise<void> {
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth);
      const id = formatKey(prefix);
      let pending = this.known.get(id);
      if (!pending) {
        pending = client.mkcol(davUrl(base, prefix, true)).then(() => undefined);
        this.known.set(id, pending);
        // A failed creation must be tried again next time, not remembered.
        pending.catch(() => this.known.delete(id));
      }
      await pending;
    }
  }

  /** Forgets everything: a collection was removed on the server behind our back. */
  forget(): void {
    this.known.clear();
  }
}
