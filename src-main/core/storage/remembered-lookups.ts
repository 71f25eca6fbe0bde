/**
 * Lookups remembered by key as promises, so concurrent callers share one
 * request (two uploads into one new folder never make twin folders). A
 * failure is not remembered: the next caller asks the service again.
 */
export class RememberedLookups<T> {
  private readonly known = new Map<string, Promise<T>>();

  get(key: string, look: () => Promise<T>): Promise<T> {
    let pending = this.known.get(key);
    if (!pending) {
      pending = look();
      this.known.set(key, pending);
      pending.catch(() => this.known.delete(key));
    }
    return pending;
  }

  /** Drops everything remembered (after the service said a remembered id no longer exists). */
  forget(): void {
    this.known.clear();
  }
}
