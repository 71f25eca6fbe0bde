/**
 * Rows dragged onto a sidebar folder carry their ids under this private type, so
 * a move can never be mistaken for files dropped from the operating system (which
 * arrive as "Files").
 */
export const DOCUMENTS_DRAG_TYPE = 'application/x-docuvault-document-ids';

export function writeDraggedDocuments(dataTransfer: DataTransfer, ids: readonly string[]): void {
  dataTransfer.setData(DOCUMENTS_DRAG_TYPE, JSON.stringify(ids));
  dataTransfer.effectAllowed = 'move';
}

export function carriesDocuments(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && [...dataTransfer.types].includes(DOCUMENTS_DRAG_TYPE);
}

export function readDraggedDocuments(dataTransfer: DataTransfer): string[] {
  try {
    const parsed: unknown = JSON.parse(dataTransfer.getData(DOCUMENTS_DRAG_TYPE) || '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function carriesFiles(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && [...dataTransfer.types].includes('Files');
}
