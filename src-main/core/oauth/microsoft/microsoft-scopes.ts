/**
 * What DocuVault asks for: `Files.ReadWrite` (the signed-in person's own
 * OneDrive) and `offline_access` (a refresh token, so the connection lasts).
 * MSAL adds `openid profile` itself; the account's name comes from the ID
 * token, so `User.Read` is not needed.
 *
 * Why not the narrower `Files.ReadWrite.AppFolder`: DocuVault keeps documents
 * in a visible `DocuVault` folder at the root of the drive with readable
 * names, like every other backend, so people find them in OneDrive's own
 * apps; the app folder would put them under `Apps/<registration name>`, a
 * name this build does not control, and Microsoft documents that delegated
 * permission for personal accounts only, while DocuVault also serves work or
 * school accounts. The price is a broader consent; the backend only ever
 * touches `DocuVault/`.
 */
export const FILES_SCOPE = 'Files.ReadWrite';
export const REQUESTED_SCOPES: readonly string[] = [FILES_SCOPE, 'offline_access'];

/** Permissions that let DocuVault work with its folder, should a person (or an admin) grant more. */
const SUFFICIENT = new Set(['files.readwrite', 'files.readwrite.all']);

/** Whether the granted scopes (`Files.ReadWrite` or `https://graph.microsoft.com/Files.ReadWrite`) cover DocuVault's needs. */
export function grantsFiles(scopes: readonly string[]): boolean {
  return scopes.some((scope) => SUFFICIENT.has(scope.replace(/^https:\/\/graph\.microsoft\.com\//i, '').toLowerCase()));
}
