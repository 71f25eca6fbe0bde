import { useId, useRef } from 'react';
import { plural } from '../../ui/format';
import { Modal } from '../../ui/modal';
import type { FileOffer } from './use-offered-files';

const LISTED = 5;

interface OfferedFilesPromptProps {
  readonly offer: FileOffer;
  readonly folderName: string;
  readonly onUpload: () => void;
  readonly onDecline: () => void;
}

/** "Upload 3 files into “Invoices”?": files the operating system handed over go where the window is, if the person agrees. */
export function OfferedFilesPrompt({ offer, folderName, onUpload, onDecline }: OfferedFilesPromptProps) {
  const titleId = useId();
  const listId = useId();
  const upload = useRef<HTMLButtonElement>(null);
  const count = offer.names.length;
  return (
    <Modal role="alertdialog" labelledBy={titleId} describedBy={listId} onDismiss={onDecline} initialFocus={upload}>
      <h2 id={titleId} className="dialog__title">
        Upload {plural(count, 'file')} into “{folderName}”?
      </h2>
      <div id={listId} className="dialog__message">
        <ul className="offered-files__names">
          {offer.names.slice(0, LISTED).map((name, index) => (
            <li key={`${index}-${name}`}>{name}</li>
          ))}
          {count > LISTED && <li>and {plural(count - LISTED, 'more file')}</li>}
        </ul>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDecline}>
          Don’t upload
        </button>
        <button ref={upload} type="button" className="button button--primary" onClick={onUpload}>
          Upload
        </button>
      </div>
    </Modal>
  );
}
