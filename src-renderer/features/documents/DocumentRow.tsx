import { memo, type DragEvent, type MouseEvent } from 'react';
import type { DocumentDto } from '../../../src-shared/domain';
import { backendLabel, describeType, formatAdded, formatBytes, formatFullDate } from '../../ui/format';
import { DocumentIcon } from '../../ui/icons';
import { documentKind } from '../common/document-kind';
import { RenameField } from './RenameField';

export interface RowHandlers {
  readonly onRowClick: (index: number, event: MouseEvent<HTMLDivElement>) => void;
  readonly onRowOpen: (index: number, document: DocumentDto) => void;
  readonly onRowMenu: (index: number, document: DocumentDto, x: number, y: number) => void;
  readonly onRowDragStart: (index: number, document: DocumentDto, event: DragEvent<HTMLDivElement>) => void;
  readonly onRenameCommit: (document: DocumentDto, name: string) => Promise<boolean>;
  readonly onRenameCancel: () => void;
}

interface DocumentRowProps {
  readonly index: number;
  readonly top: number;
  readonly document: DocumentDto | undefined;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly renaming: boolean;
  readonly handlers: RowHandlers;
}

/** One row of the grid; rows whose page is still loading show a quiet placeholder. */
export const DocumentRow = memo(function DocumentRow({ index, top, document, selected, tabbable, renaming, handlers }: DocumentRowProps) {
  const position = { transform: `translateY(${top}px)` };
  if (!document) {
    return (
      <div role="row" className="grid__row grid__row--loading" aria-rowindex={index + 2} aria-busy="true" data-index={index} style={position}>
        <div role="gridcell" className="grid__cell grid__cell--name">
          <span className="skeleton skeleton--wide" />
        </div>
        <div role="gridcell" className="grid__cell grid__cell--size">
          <span className="skeleton" />
        </div>
        <div role="gridcell" className="grid__cell grid__cell--type" />
        <div role="gridcell" className="grid__cell grid__cell--createdAt" />
        <div role="gridcell" className="grid__cell grid__cell--backend" />
      </div>
    );
  }
  const kind = documentKind(document.contentType);
  // Listed while its connection needs reconnecting (or was disconnected), but its bytes cannot be reached.
  const unavailable = document.available === false;
  const classes = [
    'grid__row',
    selected && 'grid__row--selected',
    document.status === 'uploading' && 'grid__row--pending',
    unavailable && 'grid__row--unavailable',
  ];
  return (
    <div
      role="row"
      className={classes.filter(Boolean).join(' ')}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-document-id={document.id}
      data-index={index}
      data-available={unavailable ? 'false' : undefined}
      title={unavailable ? 'Reconnect to open' : undefined}
      tabIndex={tabbable ? 0 : -1}
      style={position}
      draggable={!renaming}
      onClick={(event) => handlers.onRowClick(index, event)}
      onDoubleClick={() => handlers.onRowOpen(index, document)}
      onContextMenu={(event) => {
        event.preventDefault();
        handlers.onRowMenu(index, document, event.clientX, event.clientY);
      }}
      onDragStart={(event) => handlers.onRowDragStart(index, document, event)}
    >
      <div role="gridcell" className="grid__cell grid__cell--name">
        <span className={`file-icon file-icon--${kind}`}>
          <DocumentIcon kind={kind} />
        </span>
        {renaming ? (
          <RenameField
            initialName={document.name}
            onCommit={(name) => handlers.onRenameCommit(document, name)}
            onCancel={handlers.onRenameCancel}
          />
        ) : (
          <span className="grid__name" title={document.name}>
            {document.name}
          </span>
        )}
        {unavailable && !renaming && <span className="badge badge--warning grid__badge">Unavailable</span>}
      </div>
      <div role="gridcell" className="grid__cell grid__cell--size">
        {formatBytes(document.size)}
      </div>
      <div role="gridcell" className="grid__cell grid__cell--type" title={document.contentType}>
        {describeType(document.contentType)}
      </div>
      <div role="gridcell" className="grid__cell grid__cell--createdAt">
        <time dateTime={document.createdAt} title={formatFullDate(document.createdAt)}>
          {formatAdded(document.createdAt)}
        </time>
      </div>
      <div role="gridcell" className="grid__cell grid__cell--backend">
        {backendLabel(document.backend)}
      </div>
    </div>
  );
});
