import { LogLevel, PublicClientApplication } from '@azure/msal-node';
import type { ResolvedMicrosoftEndpoints } from './microsoft-oauth-config';
import type { NodeHttpsNetworkModule } from './msal-network-module';

export interface MsalSettings {
  readonly clientId: string;
  readonly endpoints: ResolvedMicrosoftEndpoints;
  readonly network: NodeHttpsNetworkModule;
}

/**
 * A fresh PublicClientApplication per operation, holding exactly one
 * connection's cache (or none, for a sign-in). MSAL keeps tokens inside the
 * application object; sharing one across connections would mix their
 * accounts and let concurrent refreshes step on each other. Its logger stays
 * silent below errors and never logs personal data.
 */
export function createMsalApplication(settings: MsalSettings, serializedCache?: string): PublicClientApplication {
  const app = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: settings.endpoints.authority,
      knownAuthorities: [...settings.endpoints.knownAuthorities],
    },
    system: {
      networkClient: settings.network,
      loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
    },
  });
  if (serializedCache) app.getTokenCache().deserialize(serializedCache);
  return app;
}
