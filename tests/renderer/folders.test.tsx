import { act, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS_DRAG_TYPE } from '../../src-renderer/features/common/document-drag';
import { FakeBridge } from './support/fake-bridge';
import { documentRows, folderButton, renderApp, rowNamed } from './support/render-app';

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Folders' });
}

/** A DataTransfer stand-in: jsdom has none. */
function dataTransfer(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    get types() {
      return [...data.keys()];
    },
    getData: (type: string) => data.get(type) ?? '',
    setData: (type: string, value: string) => void data.set(type, value),
    dropEffect: 'none',
    effectAllowed: 'all',
    files: [] as File[],
    items: [] as DataTransferItem[],
  };
}

describe('folder sidebar', () => {
  it('lists folders with their counts and marks the current one', async () => {
    const fake = new FakeBridge();
    const invoices = fake.addFolder('Invoices');
    fake.addDocument({ name: 'a.pdf', folderId: invoices.id });
    fake.addDocument({ name: 'b.pdf', folderId: invoices.id });
    const { user } = await renderApp(fake);

    expect(folderButton('My Vault')).toHaveAttribute('aria-current', 'true');
    expect(folderButton('Invoices')).toHaveAccessibleName('Invoices, 2 documents');
    expect(folderButton('Invoices')).not.toHaveAttribute('aria-current');

    await user.click(folderButton('Invoices'));
    expect(folderButton('Invoices')).toHaveAttribute('aria-current', 'true');
    await waitFor(() => expect(fake.lastCallTo('documents:list')).toMatchObject({ folderId: invoices.id }));
    await screen.findByText('a.pdf');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Invoices');
  });

  it('creates a folder on this computer from the "New folder" dialog, and shows it', async () => {
    const { fake, user } = await renderApp();
    await user.click(within(nav()).getByRole('button', { name: 'New folder' }));
    const dialog = screen.getByRole('dialog', { name: 'New folder' });
    expect(within(dialog).getByRole('combobox', { name: 'Location' })).toHaveValue('local');
    await user.type(within(dialog).getByRole('textbox', { name: 'Folder name' }), 'Receipts{Enter}');
    await waitFor(() => expect(fake.callsTo('folders:create')).toEqual([{ name: 'Receipts', parentId: null, connectionId: null }]));
    expect(await within(nav()).findByRole('button', { name: /^Receipts/ })).toHaveAttribute('aria-current', 'true');
    expect(screen.queryByRole('dialog', { name: 'New folder' })).not.toBeInTheDocument();
  });

  it('keeps the dialog open and shows the message next to the name when it is taken', async () => {
    const fake = new FakeBridge();
    fake.addFolder('Receipts');
    const { user } = await renderApp(fake);
    await user.click(within(nav()).getByRole('button', { name: 'New folder' }));
    const dialog = screen.getByRole('dialog', { name: 'New folder' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Folder name' }), 'receipts{Enter}');
    const field = within(dialog).getByRole('textbox', { name: 'Folder name' });
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription('A folder named “receipts” already exists here.');
    expect(field).toHaveValue('receipts');
  });

  it('creates a subfolder inline, where its parent lives', async () => {
    const fake = new FakeBridge();
    const parent = fake.addFolder('Taxes');
    const { user } = await renderApp(fake);
    fireEvent.contextMenu(folderButton('Taxes'));
    await user.click(screen.getByRole('menuitem', { name: 'New subfolder' }));
    await user.type(within(nav()).getByRole('textbox', { name: 'Folder name' }), '2025{Enter}');
    await waitFor(() => expect(fake.callsTo('folders:create')).toEqual([{ name: '2025', parentId: parent.id }]));
    expect(await within(nav()).findByRole('button', { name: /^2025/ })).toBeInTheDocument();
  });

  it('renames a folder from its context menu', async () => {
    const fake = new FakeBridge();
    const folder = fake.addFolder('Old name');
    const { user } = await renderApp(fake);
    fireEvent.contextMenu(folderButton('Old name'), { clientX: 10, clientY: 10 });
    await user.click(screen.getByRole('menuitem', { name: /^Rename folder/ }));
    const field = within(nav()).getByRole('textbox', { name: 'Folder name' });
    await user.clear(field);
    await user.type(field, 'Taxes 2025{Enter}');
    await waitFor(() => expect(fake.lastCallTo('folders:rename')).toEqual({ id: folder.id, name: 'Taxes 2025' }));
    expect(await within(nav()).findByRole('button', { name: /^Taxes 2025/ })).toBeInTheDocument();
  });

  it('renames the current folder with F2', async () => {
    const fake = new FakeBridge();
    const folder = fake.addFolder('Drafts');
    const { user } = await renderApp(fake);
    await user.click(folderButton('Drafts'));
    await user.keyboard('{F2}');
    const field = within(nav()).getByRole('textbox', { name: 'Folder name' });
    await user.clear(field);
    await user.type(field, 'Final{Enter}');
    await waitFor(() => expect(fake.lastCallTo('folders:rename')).toEqual({ id: folder.id, name: 'Final' }));
  });

  it('offers to delete a non-empty folder together with its documents', async () => {
    const fake = new FakeBridge();
    const folder = fake.addFolder('Scans');
    fake.addDocument({ name: 'scan1.pdf', folderId: folder.id });
    fake.addDocument({ name: 'scan2.pdf', folderId: folder.id });
    fake.addDocument({ name: 'scan3.pdf', folderId: folder.id });
    const { user } = await renderApp(fake);

    await user.click(folderButton('Scans'));
    await user.click(within(nav()).getByRole('button', { name: 'Folder actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete folder…' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('It contains 3 documents');
    await user.click(within(dialog).getByRole('button', { name: 'Delete folder and its 3 documents' }));

    await waitFor(() => expect(fake.callsTo('folders:delete')).toEqual([{ id: folder.id, deleteDocuments: true }]));
    await waitFor(() => expect(within(nav()).queryByRole('button', { name: /^Scans/ })).not.toBeInTheDocument());
    // The window falls back to the built-in vault.
    expect(folderButton('My Vault')).toHaveAttribute('aria-current', 'true');
  });

  it('deletes an empty folder without touching documents, and not at all when cancelled', async () => {
    const fake = new FakeBridge();
    const folder = fake.addFolder('Empty');
    const { user } = await renderApp(fake);

    fireEvent.contextMenu(folderButton('Empty'));
    await user.click(screen.getByRole('menuitem', { name: 'Delete folder…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('folders:delete')).toHaveLength(0);

    fireEvent.contextMenu(folderButton('Empty'));
    await user.click(screen.getByRole('menuitem', { name: 'Delete folder…' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete folder' }));
    await waitFor(() => expect(fake.callsTo('folders:delete')).toEqual([{ id: folder.id, deleteDocuments: false }]));
  });

  it('never offers to delete the built-in vault', async () => {
    const { user } = await renderApp();
    await user.click(within(nav()).getByRole('button', { name: 'Folder actions' }));
    expect(screen.getByRole('menuitem', { name: 'Delete folder…' })).toBeDisabled();
  });

  it('moves documents dragged onto a folder, without treating it as a file drop', async () => {
    const fake = new FakeBridge();
    const target = fake.addFolder('Archive');
    const moving = fake.addDocument({ name: 'old-report.pdf' });
    fake.addDocument({ name: 'keep.pdf' });
    const { user } = await renderApp(fake);
    await user.click(rowNamed('old-report.pdf'));

    const transfer = dataTransfer();
    fireEvent.dragStart(rowNamed('old-report.pdf'), { dataTransfer: transfer });
    expect(transfer.types).toEqual([DOCUMENTS_DRAG_TYPE]);

    const folder = folderButton('Archive');
    const over = createEvent.dragOver(folder, { dataTransfer: transfer });
    fireEvent(folder, over);
    expect(over.defaultPrevented).toBe(true);
    expect(screen.queryByRole('region', { name: 'Drop files to upload' })).not.toBeInTheDocument();
    fireEvent.drop(folder, { dataTransfer: transfer });

    await waitFor(() => expect(fake.callsTo('documents:move')).toEqual([{ ids: [moving.id], folderId: target.id }]));
    await waitFor(() => expect(documentRows()).toHaveLength(1));
    expect(await within(nav()).findByRole('button', { name: 'Archive, 1 document' })).toBeInTheDocument();
    expect(fake.uploads).toHaveLength(0);
  });

  it('starts a fresh selection in each folder', async () => {
    const fake = new FakeBridge();
    fake.addFolder('Other');
    fake.addDocument({ name: 'picked.pdf' });
    const { user } = await renderApp(fake);
    await user.click(rowNamed('picked.pdf'));
    expect(screen.getByRole('button', { name: 'Delete' })).toBeEnabled();
    await user.click(folderButton('Other'));
    expect(screen.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await user.click(folderButton('My Vault'));
    await waitFor(() => expect(rowNamed('picked.pdf')).toHaveAttribute('aria-selected', 'false'));
    expect(screen.getByRole('button', { name: 'Delete' })).toBeDisabled();
  });

  it('refreshes folders when main says they changed', async () => {
    const { fake } = await renderApp();
    fake.addFolder('Made elsewhere');
    act(() => fake.emit('folders:changed', {}));
    expect(await within(nav()).findByRole('button', { name: /^Made elsewhere/ })).toBeInTheDocument();
  });
});
