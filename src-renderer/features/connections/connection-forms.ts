import type { ChannelInput } from '../../../src-shared/contract';
import { parseByteSize } from '../../ui/byte-size';

/** What each field of a form says is wrong with it; a field that is fine has no entry. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export type Checked<K extends string, I> = { readonly errors: FieldErrors<K>; readonly input: I | null };

const REQUIRED = 'This field is required.';

/**
 * The checks DocuVault can make before anything is sent; main checks again, and
 * decides what it will connect to (private networks, plain http, certificates).
 */
export function checkServerUrl(text: string): string | null {
  const value = text.trim();
  if (!value) return 'Enter the address of the server, starting with https://.';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'Start the server address with https:// (or http:// for a server on your own network).';
  if (!/^https?:\/\//i.test(value)) return 'DocuVault connects to servers with https:// (or http:// on your own network).';
  try {
    new URL(value);
  } catch {
    return 'That is not a valid server address. Check it and try again.';
  }
  return null;
}

export function isHttps(url: string): boolean {
  return /^https:\/\//i.test(url.trim());
}

function checkLabel(label: string): string | null {
  return label.trim().length > 100 ? 'Keep the name to 100 characters or fewer.' : null;
}

function optionalLabel(label: string): { label?: string } {
  return label.trim() ? { label: label.trim() } : {};
}

function collect<K extends string>(checks: Record<K, string | null>): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const key of Object.keys(checks) as K[]) {
    const message = checks[key];
    if (message) errors[key] = message;
  }
  return errors;
}

function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}

export interface WebDavValues {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly label: string;
}

export function checkWebDav(v: WebDavValues): Checked<keyof WebDavValues, ChannelInput<'connections:connect-webdav'>> {
  const errors = collect<keyof WebDavValues>({
    url: checkServerUrl(v.url),
    username: v.username.trim() ? null : REQUIRED,
    password: v.password ? null : REQUIRED,
    label: checkLabel(v.label),
  });
  if (hasErrors(errors)) return { errors, input: null };
  return { errors, input: { url: v.url.trim(), username: v.username.trim(), password: v.password, ...optionalLabel(v.label) } };
}

export interface S3Values {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly pathStyle: boolean;
  readonly prefix: string;
  readonly quota: string;
  readonly label: string;
}

type S3TextField = Exclude<keyof S3Values, 'pathStyle'>;

export function checkS3(v: S3Values): Checked<S3TextField, ChannelInput<'connections:connect-s3'>> {
  const bucket = v.bucket.trim();
  const quota = parseByteSize(v.quota);
  const errors = collect<S3TextField>({
    endpoint: checkServerUrl(v.endpoint),
    region: v.region.trim().length > 64 ? 'A region name has 64 characters at most.' : null,
    bucket: !bucket
      ? REQUIRED
      : bucket.length < 3 || bucket.length > 63
        ? 'Bucket names have 3 to 63 characters.'
        : null,
    accessKeyId: v.accessKeyId.trim() ? null : REQUIRED,
    secretAccessKey: v.secretAccessKey ? null : REQUIRED,
    prefix: v.prefix.trim().length > 512 ? 'The prefix has 512 characters at most.' : null,
    quota: quota.ok ? null : quota.message,
    label: checkLabel(v.label),
  });
  if (hasErrors(errors) || !quota.ok) return { errors, input: null };
  return {
    errors,
    input: {
      endpoint: v.endpoint.trim(),
      region: v.region.trim() || 'us-east-1',
      bucket,
      pathStyle: v.pathStyle,
      ...(v.prefix.trim() ? { prefix: v.prefix.trim() } : {}),
      accessKeyId: v.accessKeyId.trim(),
      secretAccessKey: v.secretAccessKey,
      quotaBytes: quota.bytes,
      ...optionalLabel(v.label),
    },
  };
}

export interface NextcloudValues {
  readonly serverUrl: string;
  readonly label: string;
  readonly loginName: string;
  readonly appPassword: string;
}

/** Browser sign-in needs only the server; the app password comes back from it. */
export function checkNextcloudLogin(v: NextcloudValues): Checked<keyof NextcloudValues, ChannelInput<'connections:nextcloud-login'>> {
  const errors = collect<keyof NextcloudValues>({
    serverUrl: checkServerUrl(v.serverUrl),
    label: checkLabel(v.label),
    loginName: null,
    appPassword: null,
  });
  if (hasErrors(errors)) return { errors, input: null };
  return { errors, input: { serverUrl: v.serverUrl.trim(), ...optionalLabel(v.label) } };
}

export function checkNextcloudAppPassword(v: NextcloudValues): Checked<keyof NextcloudValues, ChannelInput<'connections:connect-nextcloud'>> {
  const errors = collect<keyof NextcloudValues>({
    serverUrl: checkServerUrl(v.serverUrl),
    label: checkLabel(v.label),
    loginName: v.loginName.trim() ? null : REQUIRED,
    appPassword: v.appPassword ? null : REQUIRED,
  });
  if (hasErrors(errors)) return { errors, input: null };
  return {
    errors,
    input: { serverUrl: v.serverUrl.trim(), loginName: v.loginName.trim(), appPassword: v.appPassword, ...optionalLabel(v.label) },
  };
}

/** Focuses the first field marked invalid inside a form, so the person lands on what to fix. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
