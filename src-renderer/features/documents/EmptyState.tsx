import { UploadIcon } from '../../ui/icons';

const shortcut = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘O' : 'Ctrl+O';

/** What an empty folder says: how to fill it. */
export function EmptyFolder({ folderName }: { folderName: string }) {
  return (
    <div className="empty-state">
      <div className="empty-state__art">
        <UploadIcon />
      </div>
      <p className="empty-state__title">Drag documents here</p>
      <p className="empty-state__hint">
        Drop files or whole folders anywhere in this window to add them to “{folderName}”, or choose{' '}
        <strong>Upload files…</strong> (<kbd>{shortcut}</kbd>).
      </p>
    </div>
  );
}

export function NoMatches({ search }: { search: string }) {
  return (
    <div className="empty-state" role="status">
      <p className="empty-state__title">No documents match “{search}”</p>
      <p className="empty-state__hint">Try fewer letters, or clear the search to see the whole folder.</p>
    </div>
  );
}
