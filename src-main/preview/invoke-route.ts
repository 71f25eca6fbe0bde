import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChannelName, type ChannelName } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';
import type { Router } from '../ipc/router';
import { BodyTooLargeError, isJsonRequest, readJsonBody, sendFailure, sendResult } from './http-responses';

const MAX_INVOKE_BODY = 1024 * 1024;

/**
 * Uploads reach the core only through the streaming upload routes: over plain
 * invoke, a page could name files on this machine (`path` sources), which the
 * window must never do.
 */
const STREAMING_ONLY = new Set(['documents:upload']);

/** Lets the transport react to a finished call (the upload registry follows cancellations). */
export type InvokeObserver = (channel: ChannelName, payload: unknown, result: Result<unknown>) => void;

/** POST /api/invoke/<channel>: one router call; the answer is the router's Result envelope. */
export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  router: Router,
  channelSegment: string,
  observe: InvokeObserver = () => undefined,
): Promise<void> {
  let channel: string;
  try {
    channel = decodeURIComponent(channelSegment);
  } catch {
    channel = '';
  }
  if (!isChannelName(channel)) {
    sendFailure(res, 404, 'VALIDATION', 'Unknown request.');
    return;
  }
  if (req.method !== 'POST') {
    sendFailure(res, 405, 'VALIDATION', 'Use POST.');
    return;
  }
  if (!isJsonRequest(req)) {
    sendFailure(res, 415, 'VALIDATION', 'The request must be JSON.');
    return;
  }
  if (STREAMING_ONLY.has(channel)) {
    sendFailure(res, 400, 'UNSUPPORTED', 'In the browser preview, files are uploaded with uploadFiles.');
    return;
  }
  let payload: unknown;
  try {
    payload = await readJsonBody(req, MAX_INVOKE_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      res.setHeader('Connection', 'close');
      sendFailure(res, 413, 'VALIDATION', 'The request is too large.');
    } else {
      sendFailure(res, 400, 'VALIDATION', 'The request was not valid JSON.');
    }
    return;
  }
  const result = await router.invoke(channel, payload);
  observe(channel, payload, result);
  sendResult(res, 200, result);
}
