import type { FakeOperation } from './fake-operations';

/** One request as the fake saw it. Never records credentials: only whether an Authorization header came. */
export interface LoggedRequest {
  readonly operation: FakeOperation;
  readonly method: string;
  /** Path and query, with any `access_token` query parameter removed. */
  readonly path: string;
  readonly contentRange: string | null;
  readonly hadAuthorization: boolean;
  /** Body bytes the fake received (for chunks: what arrived before the answer or the cut). */
  bodyBytes: number;
  /** Null when the connection was cut instead of answered. */
  status: number | null;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'bodyBytes' | 'status'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, bodyBytes: 0, status: null };
    this.entries.push(logged);
    return logged;
  }

  of(operation: FakeOperation): LoggedRequest[] {
    return this.entries.filter((entry) => entry.operation === operation);
  }

  /** The log's length now, to look at what happens after it with `since`. */
  mark(): number {
    return this.entries.length;
  }

  since(mark: number): LoggedRequest[] {
    return this.entries.slice(mark);
  }
}
