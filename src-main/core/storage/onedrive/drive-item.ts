/** The members of a Graph driveItem DocuVault reads. */
export interface DriveItem {
  readonly id: string;
  readonly name?: string;
  readonly size?: number;
  readonly lastModifiedDateTime?: string;
  readonly file?: { readonly mimeType?: string; readonly hashes?: { readonly quickXorHash?: string; readonly sha256Hash?: string } };
  readonly folder?: { readonly childCount?: number };
  readonly parentReference?: { readonly id?: string; readonly driveId?: string; readonly path?: string };
}

/** `GET /me/drive`: the account and its quota (bytes). */
export interface DriveResource {
  readonly owner?: { readonly user?: { readonly displayName?: string } };
  readonly quota?: { readonly total?: number; readonly used?: number; readonly remaining?: number; readonly state?: string };
}

/** An upload session as `createUploadSession` or a status GET answers it. */
export interface UploadSessionResource {
  readonly uploadUrl?: string;
  readonly expirationDateTime?: string;
  readonly nextExpectedRanges?: readonly string[];
}

/**
 * OneDrive item ids: personal ones look like `D4648F06C91D9D3D!54927` (or
 * `…!s<hex>`), business ones like `01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K`.
 * Anything else is not a key this backend made and is never spliced into a
 * URL — dots especially, which a URL parser would read as `..` segments.
 */
const ITEM_ID_PATTERN = /^[A-Za-z0-9!_-]{1,256}$/;

export function isOneDriveItemId(key: string): boolean {
  return ITEM_ID_PATTERN.test(key);
}

/** Document ids name staged uploads; the service makes UUIDs. */
const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export function isStageableDocumentId(documentId: string): boolean {
  return DOCUMENT_ID_PATTERN.test(documentId);
}

/** The first byte a session still expects (`"26-"`, `"26-40"`), or null when it expects none. */
export function nextExpectedByte(resource: UploadSessionResource): number | null {
  const first = resource.nextExpectedRanges?.[0];
  if (first === undefined) return null;
  const match = /^(\d+)-(\d*)$/.exec(first.trim());
  if (!match) throw new Error('unreadable nextExpectedRanges');
  return Number(match[1]);
}
