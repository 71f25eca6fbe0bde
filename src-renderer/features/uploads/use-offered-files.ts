import { useCallback, useState } from 'react';
import { useEvent, useInvoke, useUploadActions } from '../../api';
import { useToasts } from '../../ui/toasts';

export interface FileOffer {
  readonly offerId: string;
  readonly names: readonly string[];
}

export interface OfferedFiles {
  /** The offer to ask about now; others wait their turn. */
  readonly current: FileOffer | null;
  readonly accept: (offer: FileOffer, folderId: string) => Promise<void>;
  readonly decline: (offer: FileOffer) => Promise<void>;
}

/** Files the operating system handed to DocuVault (open with, a drop on the dock icon), one offer at a time. */
export function useOfferedFiles(): OfferedFiles {
  const invoke = useInvoke();
  const uploads = useUploadActions();
  const toasts = useToasts();
  const [queue, setQueue] = useState<readonly FileOffer[]>([]);

  useEvent('files:offered', ({ offerId, names }) => {
    if (names.length === 0) return;
    setQueue((current) => (current.some((o) => o.offerId === offerId) ? current : [...current, { offerId, names }]));
  });

  const done = useCallback((offer: FileOffer) => setQueue((current) => current.filter((o) => o.offerId !== offer.offerId)), []);

  const accept = useCallback(
    async (offer: FileOffer, folderId: string) => {
      done(offer);
      const result = await uploads.acceptOfferedFiles(offer.offerId, folderId);
      if (!result.ok) toasts.error(result.error.message);
    },
    [done, uploads, toasts],
  );

  const decline = useCallback(
    async (offer: FileOffer) => {
      done(offer);
      await invoke('documents:decline-offered-files', { offerId: offer.offerId });
    },
    [done, invoke],
  );

  return { current: queue[0] ?? null, accept, decline };
}
