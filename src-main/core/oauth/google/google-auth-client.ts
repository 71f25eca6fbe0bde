import { CodeChallengeMethod, OAuth2Client, type Credentials } from 'google-auth-library';
import type { GoogleEndpoints } from './google-oauth-config';

/**
 * google-auth-library's OAuth2Client, pointed at configurable endpoints (its
 * `endpoints` option covers the authorization and token URLs, so the fake
 * works with the real library), with the refresh call made public: the
 * library's own refresh path keeps credentials on the client object, while
 * DocuVault keeps them sealed per connection and passes them in per call.
 */
export class GoogleAuthClient extends OAuth2Client {
  constructor(params: { clientId: string; clientSecret: string; endpoints: GoogleEndpoints; timeoutMs: number }) {
    super({
      clientId: params.clientId,
      clientSecret: params.clientSecret,
      endpoints: { oauth2AuthBaseUrl: params.endpoints.authorizationEndpoint, oauth2TokenUrl: params.endpoints.tokenEndpoint },
      transporterOptions: { timeout: params.timeoutMs },
    });
  }

  consentUrl(params: { scope: string; state: string; codeChallenge: string; redirectUri: string }): string {
    return this.generateAuthUrl({
      response_type: 'code',
      redirect_uri: params.redirectUri,
      scope: params.scope,
      state: params.state,
      code_challenge: params.codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
      // A refresh token every time: `offline` asks for one, `consent` makes Google issue it again on reconnect.
      access_type: 'offline',
      prompt: 'consent',
    });
  }

  async redeemCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<Credentials> {
    const { tokens } = await this.getToken({ code: params.code, codeVerifier: params.codeVerifier, redirect_uri: params.redirectUri });
    return tokens;
  }

  /** Uncached, stateless refresh: no credentials are left on this shared client. */
  async refreshWith(refreshToken: string): Promise<Credentials> {
    const { tokens } = await this.refreshTokenNoCache(refreshToken);
    return tokens;
  }
}
