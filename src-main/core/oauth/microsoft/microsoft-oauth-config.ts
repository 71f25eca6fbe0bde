import type { Agent } from 'node:https';

/** The Microsoft identity platform's public cloud, and Graph v1.0. */
export const MICROSOFT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const MICROSOFT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
/** Personal and work or school accounts alike. */
export const DEFAULT_MICROSOFT_TENANT = 'common';

export const MICROSOFT_CLIENT_ID_ENV = 'DOCUVAULT_MICROSOFT_CLIENT_ID';
export const MICROSOFT_TENANT_ENV = 'DOCUVAULT_MICROSOFT_TENANT';

export const MICROSOFT_NOT_CONFIGURED = `OneDrive is not configured in this build: set ${MICROSOFT_CLIENT_ID_ENV} (see README).`;

/**
 * An app registration of type "Mobile and desktop applications": a public
 * client (a desktop app cannot keep a secret, so none is configured or sent),
 * with `docuvault://oauth/microsoft` and `http://127.0.0.1/callback` as
 * redirect URIs (the platform ignores the port of a loopback redirect).
 */
export interface MicrosoftOAuthConfig {
  readonly clientId: string | null;
  /** `common` (default), `consumers`, `organizations`, or a tenant id or domain. */
  readonly tenant?: string;
  /** Where the identity platform lives (tests: the local fake, over TLS). Must be https: MSAL refuses anything else. */
  readonly authorityHost?: string;
  /** Graph's root, for the OneDrive backend built on this sign-in (tests: the fake). */
  readonly graphBaseUrl?: string;
  /** The agent for the identity platform's endpoints (a company CA, a test CA, the guarded agent). */
  readonly httpsAgent?: Agent;
  /** Per-request timeout for the identity platform (default 30 s). */
  readonly timeoutMs?: number;
}

/** Reads `DOCUVAULT_MICROSOFT_CLIENT_ID` and `DOCUVAULT_MICROSOFT_TENANT`; blank means unset. */
export function microsoftOAuthConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): MicrosoftOAuthConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const tenant = read(MICROSOFT_TENANT_ENV);
  return { clientId: read(MICROSOFT_CLIENT_ID_ENV), ...(tenant ? { tenant } : {}) };
}

/** What MSAL is given: the authority URL, and the hosts it may trust without asking Microsoft's instance discovery. */
export interface ResolvedMicrosoftEndpoints {
  readonly authority: string;
  readonly graphBaseUrl: string;
  /**
   * Empty for Microsoft's own cloud (MSAL knows it). For any other host (the
   * local fake) the host is declared known, so MSAL reads the authority's own
   * OpenID metadata instead of asking login.microsoftonline.com about it.
   */
  readonly knownAuthorities: readonly string[];
}

/** Tenant names are ids, domains or the three aliases: letters, digits, dots and dashes. */
const TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/;

/** Null when usable; else why not, for `configurationProblem()`. */
export function microsoftConfigProblem(config: MicrosoftOAuthConfig): string | null {
  if (!config.clientId) return MICROSOFT_NOT_CONFIGURED;
  if (config.tenant !== undefined && !TENANT_PATTERN.test(config.tenant)) {
    return `OneDrive is not configured correctly in this build: ${MICROSOFT_TENANT_ENV} is not a tenant name or id (see README).`;
  }
  if (config.authorityHost !== undefined && !/^https:\/\/[^/]+\/?$/.test(config.authorityHost)) {
    return 'OneDrive is not configured correctly in this build: the sign-in host must be an https origin.';
  }
  return null;
}

export function resolveMicrosoftEndpoints(config: MicrosoftOAuthConfig): ResolvedMicrosoftEndpoints {
  const host = (config.authorityHost ?? MICROSOFT_AUTHORITY_HOST).replace(/\/+$/, '');
  const tenant = config.tenant ?? DEFAULT_MICROSOFT_TENANT;
  const microsoftCloud = host === MICROSOFT_AUTHORITY_HOST;
  return {
    authority: `${host}/${tenant}`,
    graphBaseUrl: (config.graphBaseUrl ?? MICROSOFT_GRAPH_BASE_URL).replace(/\/+$/, ''),
    knownAuthorities: microsoftCloud ? [] : [new URL(host).host],
  };
}
