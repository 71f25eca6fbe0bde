import { agentFor } from '../../net/guarded-agents';
import { S3Backend } from '../../storage/s3/s3-backend';
import { resolveS3Config } from '../../storage/s3/s3-config';
import type { ProviderAdapter } from '../provider-adapter';
import { agentsFor, checkedServerUrl, text, trustedFingerprint } from './network-for';

interface S3Settings {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly pathStyle: boolean;
  readonly prefix?: string;
  readonly pinnedCertificateSha256?: string;
}

interface S3SecretStored {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** S3-compatible storage (AWS, MinIO, R2…): documents under <prefix>/<document id>/<name>. */
export const s3Provider: ProviderAdapter<S3Settings, S3SecretStored> = {
  provider: 's3',
  backendKind: 's3',
  async prepare(input, net) {
    const fields = input as Record<string, unknown>;
    const url = await checkedServerUrl(fields.endpoint, net);
    const pinned = trustedFingerprint(fields.trustedCertificateSha256);
    const settings: S3Settings = {
      endpoint: url.origin,
      region: text(fields.region) || 'us-east-1',
      bucket: text(fields.bucket),
      pathStyle: fields.pathStyle !== false,
      ...(typeof fields.prefix === 'string' ? { prefix: fields.prefix.trim() } : {}),
      ...(pinned ? { pinnedCertificateSha256: pinned } : {}),
    };
    const secret = { accessKeyId: text(fields.accessKeyId), secretAccessKey: String(fields.secretAccessKey ?? '') };
    // Every field checked before any request; messages never repeat a value.
    resolveS3Config(settings, secret);
    return { settings, secret, account: secret.accessKeyId, defaultLabel: `${settings.bucket} (${url.host})` };
  },
  reconnect(settings, secret, credentials) {
    const next = {
      accessKeyId: credentials.accessKeyId?.trim() || secret.accessKeyId,
      secretAccessKey: credentials.secretAccessKey ?? secret.secretAccessKey,
    };
    return { settings, secret: next, account: next.accessKeyId };
  },
  createBackend(settings, secret, net) {
    const agents = agentsFor(net, settings.pinnedCertificateSha256);
    return new S3Backend(settings, secret, { transportAgent: agentFor(agents, settings.endpoint) });
  },
  publicSettings: (settings) => ({
    endpoint: settings.endpoint,
    region: settings.region,
    bucket: settings.bucket,
    pathStyle: settings.pathStyle,
    prefix: settings.prefix ?? 'DocuVault',
    pinnedCertificateSha256: settings.pinnedCertificateSha256 ?? null,
  }),
};
