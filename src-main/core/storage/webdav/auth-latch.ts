/**
 * Remembers that the server refused our credentials with 401.
 *
 * Nextcloud (and fail2ban-style guards in front of other WebDAV servers)
 * throttle or ban every client behind an address that keeps sending bad
 * credentials. Once a connection has seen a 401 it sends nothing more: the
 * person has to reconnect, which builds a new backend with new credentials.
 */
export class AuthLatch {
  private refused = false;

  get tripped(): boolean {
    return this.refused;
  }

  trip(): void {
    this.refused = true;
  }
}
