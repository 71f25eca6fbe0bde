import { useEvent } from '../../api';
import { useToasts } from '../../ui/toasts';

/**
 * A file that fails to upload is said out loud once, as an error toast, besides
 * staying listed in the upload panel with its reason and a retry button. Each
 * progress event carries only items that changed, so a failure arrives once.
 */
export function useUploadFailureToasts(): void {
  const toasts = useToasts();
  useEvent('uploads:progress', ({ items }) => {
    for (const item of items) if (item.state === 'failed' && item.error) toasts.error(item.error.message);
  });
}
