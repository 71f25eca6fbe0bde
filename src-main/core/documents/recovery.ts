import type { Logger } from '../ports';
import type { BackendRegistry } from '../storage/backend-registry';
import type { LocalBackend } from '../storage/local-backend';
import type { DocumentRepository } from './document-repository';

export interface RecoveryReport {
  /** Uploads interrupted by a crash or power loss whose leftovers were removed. */
  readonly interruptedUploads: number;
  /** Rows whose backend could not be reached; retried at the next start. */
  readonly deferred: number;
  readonly partialFilesRemoved: number;
}

/**
 * Runs at startup, before any upload can start. An `uploading` row was never
 * shown as stored, so its leftovers are removed and the row goes; a `ready`
 * row is never touched.
 */
export async function recoverInterruptedUploads(deps: {
  documents: DocumentRepository;
  registry: BackendRegistry;
  local: LocalBackend;
  logger: Logger;
}): Promise<RecoveryReport> {
  let interruptedUploads = 0;
  let deferred = 0;
  for (const row of deps.documents.uploadingRows()) {
    try {
      const backend = await deps.registry.resolve({ backend: row.storage_backend, connectionId: row.connection_id });
      if (row.object_key) await backend.delete(row.object_key);
      await backend.discardIncomplete(row.id);
      deps.documents.deleteRow(row.id);
      interruptedUploads++;
    } catch (error) {
      deferred++;
      deps.logger.log('warn', 'could not clean up an interrupted upload yet', { error: String(error) });
    }
  }
  const partialFilesRemoved = await deps.local.sweepPartials();
  if (interruptedUploads || partialFilesRemoved) {
    deps.logger.log('info', 'recovered from interrupted uploads', { interruptedUploads, partialFilesRemoved });
  }
  return { interruptedUploads, deferred, partialFilesRemoved };
}
