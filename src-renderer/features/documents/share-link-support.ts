import { useCallback, useState } from 'react';
import type { DocumentDto, StorageBackendKind } from '../../../src-shared/domain';

export interface ShareLinkSupport {
  /** False where a share link cannot exist: documents on this computer, or a backend that answered UNSUPPORTED. */
  readonly canShare: (document: Pick<DocumentDto, 'backend' | 'available'>) => boolean;
  readonly markUnsupported: (backend: StorageBackendKind) => void;
}

/**
 * Which documents can have a share link. Main decides (the backend has presigned
 * links or not); the window remembers a backend's UNSUPPORTED for the session so the
 * action is not offered again. A document on this computer has no address anyone
 * else could open, whatever the backends can do.
 */
export function useShareLinkSupport(): ShareLinkSupport {
  const [unsupported, setUnsupported] = useState<ReadonlySet<StorageBackendKind>>(() => new Set(['local']));
  const canShare = useCallback(
    (document: Pick<DocumentDto, 'backend' | 'available'>) => document.available !== false && !unsupported.has(document.backend),
    [unsupported],
  );
  const markUnsupported = useCallback(
    (backend: StorageBackendKind) => setUnsupported((current) => (current.has(backend) ? current : new Set([...current, backend]))),
    [],
  );
  return { canShare, markUnsupported };
}
