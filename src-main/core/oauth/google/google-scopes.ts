/**
 * The only scope DocuVault asks for: files the app created or was given.
 * It is not a "restricted" scope (no security assessment), and the consent
 * screen asks for the least. The account's name and e-mail come from Drive's
 * `about.user`, which `drive.file` can read, so `openid email profile` are
 * not requested either.
 */
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

/** The full-Drive scope also covers what DocuVault needs, should a person grant it. */
const SUFFICIENT_SCOPES = new Set([DRIVE_FILE_SCOPE, 'https://www.googleapis.com/auth/drive']);

/** Whether a token's space-separated `scope` lets DocuVault work with its files. */
export function grantsDriveFiles(scope: string | null | undefined): boolean {
  return (scope ?? '').split(' ').some((granted) => SUFFICIENT_SCOPES.has(granted));
}
