import type { FileDialogs } from '../core/ports';

/** What differs between the Electron shell and the browser preview. */
export interface TransportServices {
  /** The URL the window loads a document's bytes from. */
  contentUrl(documentId: string): string;
  /** Native dialogs, or null where there are none (the preview). */
  readonly dialogs: FileDialogs | null;
}
