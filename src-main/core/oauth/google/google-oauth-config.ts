/** Where Google's OAuth and Drive endpoints live; tests point these at the local fake. */
export interface GoogleEndpoints {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** Drive v3 API root, e.g. https://www.googleapis.com/drive/v3 (the account comes from `about`). */
  readonly driveApiBaseUrl: string;
}

export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  driveApiBaseUrl: 'https://www.googleapis.com/drive/v3',
};

/**
 * Every endpoint under one base URL, with Google's own paths: for a local
 * stand-in of Google (the test fake, an end-to-end run). Production uses
 * GOOGLE_ENDPOINTS; nothing here reads this from the environment.
 */
export function googleEndpointsAt(baseUrl: string): GoogleEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return { authorizationEndpoint: `${base}/o/oauth2/v2/auth`, tokenEndpoint: `${base}/token`, driveApiBaseUrl: `${base}/drive/v3` };
}

/**
 * A "Desktop app" OAuth client registered with Google. The secret of an
 * installed app is not confidential (Google says so: it ships inside the app),
 * but Google's token endpoint still requires it.
 */
export interface GoogleOAuthConfig {
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  readonly endpoints?: Partial<GoogleEndpoints>;
  /** Per-request timeout for Google's token and account calls (default 30 s). */
  readonly timeoutMs?: number;
}

export const GOOGLE_CLIENT_ID_ENV = 'DOCUVAULT_GOOGLE_CLIENT_ID';
export const GOOGLE_CLIENT_SECRET_ENV = 'DOCUVAULT_GOOGLE_CLIENT_SECRET';

/** Reads the client from `DOCUVAULT_GOOGLE_CLIENT_ID` / `DOCUVAULT_GOOGLE_CLIENT_SECRET`; blank means unset. */
export function googleOAuthConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): GoogleOAuthConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  return { clientId: read(GOOGLE_CLIENT_ID_ENV), clientSecret: read(GOOGLE_CLIENT_SECRET_ENV) };
}

export const GOOGLE_NOT_CONFIGURED =
  `Google Drive is not configured in this build: set ${GOOGLE_CLIENT_ID_ENV} and ${GOOGLE_CLIENT_SECRET_ENV} (see README).`;

export function resolveGoogleEndpoints(config: GoogleOAuthConfig): GoogleEndpoints {
  return { ...GOOGLE_ENDPOINTS, ...stripUndefined(config.endpoints ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
