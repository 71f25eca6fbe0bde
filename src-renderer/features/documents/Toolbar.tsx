import type { Ref } from 'react';
import { plural } from '../../ui/format';
import { TrashIcon, UploadIcon } from '../../ui/icons';
import { SearchBox } from './SearchBox';

interface ToolbarProps {
  readonly title: string;
  readonly total: number | null;
  readonly selectedCount: number;
  readonly search: string;
  readonly onSearch: (value: string) => void;
  readonly searchRef: Ref<HTMLInputElement>;
  readonly onUpload: () => void;
  readonly onDeleteSelected: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function Toolbar({ title, total, selectedCount, search, onSearch, searchRef, onUpload, onDeleteSelected }: ToolbarProps) {
  const meta =
    total === null ? '' : selectedCount > 0 ? `${selectedCount.toLocaleString()} of ${plural(total, 'document')} selected` : plural(total, 'document');
  return (
    <header className="toolbar">
      <div className="toolbar__title">
        <h1 className="toolbar__heading" title={title}>
          {title}
        </h1>
        <span className="toolbar__meta" aria-live="polite">
          {meta}
        </span>
      </div>
      <SearchBox value={search} onSearch={onSearch} inputRef={searchRef} />
      <button type="button" className="button" disabled={selectedCount === 0} onClick={onDeleteSelected} title="Delete the selected documents (Delete)">
        <TrashIcon />
        Delete
      </button>
      <button
        type="button"
        className="button button--primary"
        onClick={onUpload}
        aria-keyshortcuts={isMac ? 'Meta+O' : 'Control+O'}
        title={isMac ? 'Upload files (⌘O)' : 'Upload files (Ctrl+O)'}
      >
        <UploadIcon />
        Upload files…
      </button>
    </header>
  );
}
