import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../src-shared/result';
import { directoryEntry, file, fileDrop, fileEntry } from './support/drag-data';
import { FakeBridge } from './support/fake-bridge';
import { folderButton, renderApp } from './support/render-app';

const overlay = () => screen.queryByRole('region', { name: 'Drop files to upload' });

function drop(transfer: ReturnType<typeof fileDrop>): Event {
  const event = createEvent.drop(document.body, { dataTransfer: transfer });
  fireEvent(document.body, event);
  return event;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dropping files on the window', () => {
  it('shows the drop target while files are dragged over the window and hides it when they leave', async () => {
    await renderApp();
    expect(overlay()).not.toBeInTheDocument();
    const transfer = fileDrop([{ file: file('a.pdf') }]);
    const enter = createEvent.dragEnter(document.body, { dataTransfer: transfer });
    fireEvent(document.body, enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(overlay()).toBeVisible();
    expect(overlay()).toHaveTextContent('“My Vault”');
    fireEvent.dragLeave(document.body, { dataTransfer: transfer });
    expect(overlay()).not.toBeInTheDocument();
  });

  it('uploads dropped files into the current folder', async () => {
    const fake = new FakeBridge();
    const folder = fake.addFolder('Inbox');
    const { user } = await renderApp(fake);
    await user.click(folderButton('Inbox'));

    const a = file('a.pdf');
    const b = file('b.txt', 'hello', 'text/plain');
    fireEvent.dragEnter(document.body, { dataTransfer: fileDrop([{ file: a }, { file: b }]) });
    // A synthetic DataTransfer has no entries: the files list is used.
    const event = drop(fileDrop([{ file: a }, { file: b }]));

    expect(event.defaultPrevented).toBe(true);
    expect(overlay()).not.toBeInTheDocument();
    await waitFor(() => expect(fake.uploads).toHaveLength(1));
    expect(fake.uploads[0]!.folderId).toBe(folder.id);
    expect(fake.uploads[0]!.files).toEqual([a, b]);
  });

  it('uploads a dropped folder, recursively, into a same-named subfolder of the current folder', async () => {
    const fake = new FakeBridge();
    await renderApp(fake);
    const loose = file('loose.pdf');
    const scan1 = file('scan1.pdf');
    const scan2 = file('scan2.pdf');
    const scan3 = file('scan3.pdf');
    const deep = file('deep.pdf');
    const scans = directoryEntry('Scans', [
      fileEntry(scan1),
      fileEntry(scan2),
      fileEntry(file('.DS_Store')),
      fileEntry(scan3),
      directoryEntry('2024', [fileEntry(deep)]),
    ]);

    drop(fileDrop([{ file: loose, entry: fileEntry(loose) }, { file: file('Scans', ''), entry: scans }]));

    await waitFor(() => expect(fake.uploads).toHaveLength(3));
    const created = fake.callsTo('folders:create');
    expect(created[0]).toEqual({ name: 'Scans', parentId: fake.defaultFolderId });
    const scansFolder = fake.folderList().find((f) => f.name === 'Scans')!;
    expect(created[1]).toEqual({ name: '2024', parentId: scansFolder.id });
    const byFolder = Object.fromEntries(fake.uploads.map((u) => [u.folderId, u.files.map((f) => f.name)]));
    expect(byFolder[fake.defaultFolderId]).toEqual(['loose.pdf']);
    // Every batch of readEntries was read, and system junk was left out.
    expect(byFolder[scansFolder.id]).toEqual(['scan1.pdf', 'scan2.pdf', 'scan3.pdf']);
    expect(byFolder[fake.folderList().find((f) => f.name === '2024')!.id]).toEqual(['deep.pdf']);
    expect(await within(screen.getByRole('navigation', { name: 'Folders' })).findByRole('button', { name: /^Scans/ })).toBeInTheDocument();
  });

  it('reuses an existing subfolder of the same name instead of failing', async () => {
    const fake = new FakeBridge();
    const existing = fake.addFolder('Scans', fake.defaultFolderId);
    await renderApp(fake);

    drop(fileDrop([{ file: file('Scans', ''), entry: directoryEntry('scans', [fileEntry(file('new.pdf'))]) }]));

    await waitFor(() => expect(fake.uploads).toHaveLength(1));
    expect(fake.uploads[0]!.folderId).toBe(existing.id);
    expect(fake.folderList().filter((f) => f.name.toLowerCase() === 'scans')).toHaveLength(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('ignores drags that carry no files (rows being moved, text)', async () => {
    await renderApp();
    fireEvent.dragEnter(document.body, { dataTransfer: { types: ['text/plain'], files: [], items: [] } });
    expect(overlay()).not.toBeInTheDocument();
  });
});

describe('choosing files', () => {
  it('falls back to the window file input when main has no file picker, and uploads what is chosen', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click');
    const { fake, user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Upload files…' }));
    await waitFor(() => expect(fake.callsTo('documents:upload-from-dialog')).toEqual([{ folderId: fake.defaultFolderId }]));
    const input = screen.getByLabelText('Choose files to upload');
    await waitFor(() => expect(click.mock.contexts).toContain(input));

    const chosen = file('picked.pdf');
    await user.upload(input as HTMLInputElement, chosen);
    await waitFor(() => expect(fake.uploads).toHaveLength(1));
    expect(fake.uploads[0]!.files).toEqual([chosen]);
    expect(fake.uploads[0]!.folderId).toBe(fake.defaultFolderId);
  });

  it('uses the native picker in main when there is one', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click');
    const fake = new FakeBridge();
    fake.overrides['documents:upload-from-dialog'] = ({ folderId }) =>
      ok({
        batchId: '00000000-0000-4000-8000-000000000b01',
        items: [
          {
            uploadId: '00000000-0000-4000-8000-000000000c01',
            batchId: '00000000-0000-4000-8000-000000000b01',
            folderId,
            name: 'from-dialog.pdf',
            state: 'queued' as const,
            bytesDone: 0,
            bytesTotal: 10,
            documentId: null,
            error: null,
          },
        ],
      });
    const { user } = await renderApp(fake);
    await user.click(screen.getByRole('button', { name: 'Upload files…' }));
    expect(await screen.findByRole('progressbar', { name: 'Upload progress for from-dialog.pdf' })).toBeInTheDocument();
    expect(click).not.toHaveBeenCalled();
  });

  it('opens the picker with Ctrl+O', async () => {
    const { fake, user } = await renderApp();
    await user.keyboard('{Control>}o{/Control}');
    await waitFor(() => expect(fake.callsTo('documents:upload-from-dialog')).toHaveLength(1));
  });

  it('keeps the fallback file input in the page at all times', async () => {
    await renderApp();
    const input = screen.getByLabelText('Choose files to upload');
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('multiple');
  });
});
