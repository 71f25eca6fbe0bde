import type { z } from 'zod';
import {
  contract,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ParsedInput,
} from '../../src-shared/contract';
import { fail, ok, type Result } from '../../src-shared/result';
import { isAppError } from '../core/errors';
import type { Logger } from '../core/ports';
import type { StreamRegistry } from '../core/documents/upload-sources';

/** Per-request extras a transport can attach (the preview's streamed upload bodies). */
export interface RequestContext {
  readonly streams?: StreamRegistry;
}

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  context: RequestContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { readonly [C in ChannelName]: Handler<C> };

export interface Router {
  readonly channels: readonly ChannelName[];
  /**
   * Validates and runs one call. Never throws and never rejects: every outcome,
   * including unknown channels and malformed payloads, is a Result envelope.
   */
  invoke(channel: unknown, payload: unknown, context?: RequestContext): Promise<Result<unknown>>;
}

const MAX_VALIDATION_MESSAGE = 300;

/** A person-readable summary of what was wrong, naming fields but never echoing values. */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid.';
  const where = issue.path.length ? ` (${issue.path.map(String).join('.')})` : '';
  const message = `The request was not valid: ${issue.message}${where}.`;
  return message.length > MAX_VALIDATION_MESSAGE ? `${message.slice(0, MAX_VALIDATION_MESSAGE - 1)}…` : message;
}

/** The transport-agnostic router: validate with the contract's schema, call the handler, wrap the outcome. */
export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    channels: Object.keys(contract) as ChannelName[],
    async invoke(channel, payload, context = {}) {
      if (!isChannelName(channel)) return fail('VALIDATION', 'Unknown request.');
      const parsed = contract[channel].input.safeParse(payload);
      if (!parsed.success) return fail('VALIDATION', describeValidationError(parsed.error));
      try {
        const handler = handlers[channel] as Handler<typeof channel>;
        return ok(await handler(parsed.data as never, context));
      } catch (error) {
        if (isAppError(error)) return fail(error.code, error.message);
        // Unexpected: the details go to the log, never to the window.
        logger.log('error', 'handler failed', {
          channel,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        return fail('INTERNAL', 'Something went wrong. Please try again.');
      }
    },
  };
}
