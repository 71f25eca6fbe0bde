import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import { AppError } from '../../errors';

/** Non-secret settings of an S3-compatible connection (stored in plain config). */
export interface S3ConnectionSettings {
  /** Server address, `http://` or `https://`, no path: e.g. `https://s3.eu-west-1.amazonaws.com`. */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  /** Path-style (`host/bucket/key`) rather than virtual-host style (`bucket.host/key`); most self-hosted servers need it. */
  readonly pathStyle: boolean;
  /** Folder-like prefix every DocuVault key lives under; `DocuVault` when absent, the bucket root when empty. */
  readonly prefix?: string;
}

/** Secret part, stored encrypted apart from the settings. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface S3BackendOptions {
  /** Bytes per multipart part; memory per upload is bounded by one part. */
  readonly partSize?: number;
  readonly retry?: { readonly attempts: number; readonly baseDelayMs: number };
  /** An agent whose lookup refuses forbidden addresses (the URL policy supplies it). */
  readonly transportAgent?: HttpAgent | HttpsAgent;
}

export const DEFAULT_PREFIX = 'DocuVault';
const MIB = 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * MIB;
/** S3 refuses smaller parts (except the last). */
export const MIN_PART_SIZE = 5 * MIB;
/** Configured parts above this would defeat the memory bound; only huge files grow parts further (see choosePartSize). */
export const MAX_CONFIGURED_PART_SIZE = 64 * MIB;
const DEFAULT_RETRY = { attempts: 4, baseDelayMs: 200 } as const;

export interface ResolvedS3Config {
  readonly host: string;
  readonly port: number;
  readonly useSSL: boolean;
  readonly region: string;
  readonly bucket: string;
  readonly pathStyle: boolean;
  /** Without leading or trailing slash; may be empty (bucket root). */
  readonly prefix: string;
  readonly partSize: number;
  readonly retry: { readonly attempts: number; readonly baseDelayMs: number };
  readonly transportAgent: HttpAgent | HttpsAgent | undefined;
}

const invalid = (message: string) => new AppError('VALIDATION', message);

// Control characters have no place in any setting and would break HTTP headers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const REGION = /^[A-Za-z0-9_-]{1,64}$/;
// AWS's rules for new buckets (lower case, digits, dots, hyphens; 3–63 chars).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Checks and normalises everything a person typed before any request is made.
 * Messages never repeat the values: a secret pasted into the wrong field must not
 * end up in an error shown on screen or written to a log.
 */
export function resolveS3Config(
  settings: S3ConnectionSettings,
  credentials: S3Credentials,
  options: S3BackendOptions = {},
): ResolvedS3Config {
  const endpoint = parseEndpoint(settings.endpoint);
  checkCredentials(credentials);
  return {
    ...endpoint,
    region: parseRegion(settings.region),
    bucket: parseBucket(settings.bucket),
    pathStyle: settings.pathStyle === true,
    prefix: parsePrefix(settings.prefix),
    partSize: parsePartSize(options.partSize),
    retry: parseRetry(options.retry),
    transportAgent: options.transportAgent,
  };
}

function parseEndpoint(value: string): { host: string; port: number; useSSL: boolean } {
  let url: URL;
  try {
    url = new URL(typeof value === 'string' ? value.trim() : '');
  } catch {
    throw invalid('The server address is not a valid URL. Use the form https://s3.example.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('The server address must start with https:// (or http:// for a server on your own network).');
  }
  if (url.username || url.password) {
    throw invalid('The server address must not contain a user name or password; enter the keys in their own fields.');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalid('The server address must not contain a path or query; enter the bucket in its own field.');
  }
  const useSSL = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalid('The server address has no host name.');
  if (isIP(host) === 6) throw invalid('IPv6 server addresses are not supported; use a host name.');
  const port = url.port ? Number(url.port) : useSSL ? 443 : 80;
  return { host, port, useSSL };
}

function checkCredentials(credentials: S3Credentials): void {
  const { accessKeyId, secretAccessKey } = credentials ?? {};
  if (typeof accessKeyId !== 'string' || accessKeyId.trim() === '' || /\s/.test(accessKeyId) || CONTROL.test(accessKeyId)) {
    throw invalid('The access key ID is missing or contains spaces or invisible characters.');
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '' || CONTROL.test(secretAccessKey)) {
    throw invalid('The secret access key is missing or contains invisible characters.');
  }
}

function parseRegion(value: string): string {
  const region = typeof value === 'string' ? value.trim() : '';
  if (region === '') return 'us-east-1';
  if (!REGION.test(region)) throw invalid('The region may only contain letters, digits, hyphens and underscores (for example eu-west-1).');
  return region;
}

function parseBucket(value: string): string {
  const bucket = typeof value === 'string' ? value.trim() : '';
  if (!BUCKET.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    throw invalid('The bucket name must be 3–63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit.');
  }
  return bucket;
}

function parsePrefix(value: string | undefined): string {
  if (value === undefined) return DEFAULT_PREFIX;
  if (typeof value !== 'string' || CONTROL.test(value)) throw invalid('The folder prefix contains invisible characters.');
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\'))) {
    throw invalid('The folder prefix must be folder names separated by single slashes, without "." or "..".');
  }
  if (Buffer.byteLength(trimmed) > 256) throw invalid('The folder prefix is too long (at most 256 bytes).');
  return trimmed.normalize('NFC');
}

function parsePartSize(value: number | undefined): number {
  if (value === undefined) return DEFAULT_PART_SIZE;
  if (!Number.isSafeInteger(value) || value < MIN_PART_SIZE || value > MAX_CONFIGURED_PART_SIZE) {
    throw invalid(`The upload part size must be a whole number of bytes between 5 MiB and 64 MiB.`);
  }
  return value;
}

function parseRetry(value: S3BackendOptions['retry']): { attempts: number; baseDelayMs: number } {
  if (value === undefined) return DEFAULT_RETRY;
  const { attempts, baseDelayMs } = value;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 10) throw invalid('Retry attempts must be between 1 and 10.');
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0 || baseDelayMs > 10_000) {
    throw invalid('The retry delay must be between 0 and 10 000 milliseconds.');
  }
  return { attempts, baseDelayMs };
}

/** S3 allows at most 10 000 parts: files beyond 10 000 × the configured part grow their parts just enough. */
export const MAX_PARTS = 10_000;
export function choosePartSize(objectSize: number, configured: number): number {
  const needed = Math.ceil(objectSize / MAX_PARTS / MIB) * MIB;
  return Math.max(configured, needed);
}
