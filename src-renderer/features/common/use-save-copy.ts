import { useCallback } from 'react';
import type { DocumentDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { useToasts } from '../../ui/toasts';

/** Lets the browser download a URL under a name: the preview's way to save, where main has no save dialog. */
export function downloadViaAnchor(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * "Save a copy…": main shows a save dialog and streams the bytes there. Where
 * there is no native dialog (UNSUPPORTED, the browser preview) the content URL
 * is downloaded instead.
 */
export function useSaveCopy(): (document: Pick<DocumentDto, 'id' | 'name'>, knownUrl?: string) => Promise<void> {
  const invoke = useInvoke();
  const toasts = useToasts();
  return useCallback(
    async (document, knownUrl) => {
      const exported = await invoke('documents:export', { id: document.id });
      if (exported.ok) {
        if (exported.value.saved) toasts.info(`Saved a copy as “${exported.value.fileName ?? document.name}”.`);
        return;
      }
      if (exported.error.code !== 'UNSUPPORTED') {
        toasts.error(exported.error.message);
        return;
      }
      let url = knownUrl;
      if (!url) {
        const content = await invoke('documents:content', { id: document.id });
        if (!content.ok) {
          toasts.error(content.error.message);
          return;
        }
        url = content.value.url;
      }
      downloadViaAnchor(url, document.name);
    },
    [invoke, toasts],
  );
}
