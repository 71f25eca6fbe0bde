import type { DocumentDto, DocumentPage } from '../../src-shared/domain';
import type { ErrorInfo } from '../../src-shared/errors';
import type { Result } from '../../src-shared/result';

export const PAGE_SIZE = 200;

export type LoadPage = (offset: number, limit: number) => Promise<Result<DocumentPage>>;

interface Page {
  readonly items: readonly DocumentDto[];
  /** Shown until its replacement arrives, so a refresh never blanks the list. */
  stale: boolean;
}

/**
 * Pages of one listing (one folder + search + sort), fetched on demand as the
 * person scrolls. Only the pages someone asked for are fetched, each at most once
 * per generation; a refresh starts a new generation and refetches what is in view.
 */
export class DocumentPageStore {
  private readonly pages = new Map<number, Page>();
  /** Page number → generation of the request in flight. */
  private readonly inFlight = new Map<number, number>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private totalCount: number | null = null;
  private lastError: ErrorInfo | null = null;
  private wanted = { first: 0, last: 0 };
  private version = 0;

  constructor(
    private readonly load: LoadPage,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever anything visible changed; for useSyncExternalStore. */
  readonly getVersion = (): number => this.version;

  /** Null until the first page answered. */
  get total(): number | null {
    return this.totalCount;
  }

  get error(): ErrorInfo | null {
    return this.lastError;
  }

  documentAt(index: number): DocumentDto | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.items[index % this.pageSize];
  }

  /** A loaded row by id (for naming things in confirmations); undefined if its page is not loaded. */
  findLoaded(id: string): DocumentDto | undefined {
    for (const page of this.pages.values()) {
      const found = page.items.find((d) => d.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** Makes sure rows first..last (inclusive) are loaded or loading. */
  ensureRange(first: number, last: number): void {
    const from = Math.max(0, first);
    const to = Math.max(from, last);
    this.wanted = { first: from, last: to };
    const lastPage = this.totalCount === null ? Math.floor(to / this.pageSize) : this.lastPageIndex(to);
    for (let page = Math.floor(from / this.pageSize); page <= lastPage; page++) {
      const cached = this.pages.get(page);
      if (cached && !cached.stale) continue;
      if (this.inFlight.get(page) === this.generation) continue;
      void this.fetch(page);
    }
  }

  /** The listing changed underneath us: refetch what is in view, keep showing the old rows meanwhile. */
  refresh(): void {
    this.generation++;
    for (const page of this.pages.values()) page.stale = true;
    this.ensureRange(this.wanted.first, this.wanted.last);
  }

  private lastPageIndex(lastRow: number): number {
    const total = this.totalCount ?? 0;
    const lastExisting = Math.max(0, Math.ceil(total / this.pageSize) - 1);
    return Math.min(Math.floor(lastRow / this.pageSize), lastExisting);
  }

  private async fetch(page: number): Promise<void> {
    const generation = this.generation;
    this.inFlight.set(page, generation);
    const result = await this.load(page * this.pageSize, this.pageSize);
    if (this.inFlight.get(page) === generation) this.inFlight.delete(page);
    if (generation !== this.generation) {
      // An answer from before a refresh is still better than an empty row.
      if (result.ok && !this.pages.has(page)) {
        this.pages.set(page, { items: result.value.items, stale: true });
        this.changed();
      }
      return;
    }
    if (!result.ok) {
      this.lastError = result.error;
      this.changed();
      return;
    }
    this.pages.set(page, { items: result.value.items, stale: false });
    this.totalCount = result.value.total;
    this.lastError = null;
    this.dropPagesBeyondTotal();
    this.changed();
  }

  private dropPagesBeyondTotal(): void {
    const pageCount = Math.ceil((this.totalCount ?? 0) / this.pageSize);
    for (const page of this.pages.keys()) if (page >= Math.max(1, pageCount)) this.pages.delete(page);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
