import { UploadIcon } from '../../ui/icons';

/** Shown over the whole window while files are dragged over it. */
export function DropOverlay({ folderName }: { folderName: string }) {
  return (
    <div className="drop-overlay" role="region" aria-label="Drop files to upload">
      <div className="drop-overlay__card">
        <UploadIcon />
        <p className="drop-overlay__title">Drop to upload</p>
        <p className="drop-overlay__hint">Files and folders go into “{folderName}”.</p>
      </div>
    </div>
  );
}
