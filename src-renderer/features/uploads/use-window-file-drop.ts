import { useEffect, useEffectEvent, useState } from 'react';
import { carriesFiles } from '../common/document-drag';

/**
 * Makes the whole window a drop target for files from the operating system and
 * says whether such a drag is over it. Rows dragged inside the app carry no
 * "Files" type and are left alone. `onDrop` runs inside the drop event, where
 * the DataTransfer is still readable.
 */
export function useWindowFileDrop(onDrop: (dataTransfer: DataTransfer) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const handleDrop = useEffectEvent(onDrop);

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; count them to know when the drag left the window.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!carriesFiles(event.dataTransfer) || !event.dataTransfer) return;
      // Without this the browser would navigate to the dropped file.
      event.preventDefault();
      handleDrop(event.dataTransfer);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return dragging;
}
