import type { ServerResponse } from 'node:http';
import type { FakeOperation } from './fake-operations';

/** One request as the fake saw it. Credentials are never recorded: only whether an Authorization header came. */
export interface LoggedRequest {
  readonly operation: FakeOperation;
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly contentRange: string | null;
  readonly range: string | null;
  readonly hadAuthorization: boolean;
  /** When the request arrived (ms since the epoch). */
  readonly at: number;
  /** Declared body length (fragments). */
  readonly contentLength: number | null;
  /** The answer's status once its headers went out; null while unanswered, or when the connection was cut instead. */
  readonly status: number | null;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  /** Logs a request; its status is read from `res` as soon as the headers are sent (before the client can see them). */
  record(entry: Omit<LoggedRequest, 'status' | 'at'>, res: ServerResponse): LoggedRequest {
    const logged: LoggedRequest = {
      ...entry,
      at: Date.now(),
      get status() {
        return res.headersSent ? res.statusCode : null;
      },
    };
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

  since(mark: number, operation?: FakeOperation): LoggedRequest[] {
    return this.entries.slice(mark).filter((entry) => !operation || entry.operation === operation);
  }
}
