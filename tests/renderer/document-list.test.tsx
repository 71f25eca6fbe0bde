import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge';
import { documentRows, grid, renderApp, rowNamed } from './support/render-app';

function seeded(): FakeBridge {
  const fake = new FakeBridge();
  fake.addDocument({ name: 'invoice-march.pdf', size: 1_234_567, contentType: 'application/pdf' });
  fake.addDocument({ name: 'holiday.png', size: 532, contentType: 'image/png' });
  fake.addDocument({ name: 'notes.txt', size: 24_000, contentType: 'text/plain' });
  return fake;
}

describe('document list', () => {
  it('shows each document as a row with name, size, type, added and backend cells in that order', async () => {
    await renderApp(seeded());
    const cells = within(rowNamed('invoice-march.pdf')).getAllByRole('gridcell');
    expect(cells.map((c) => c.textContent)).toEqual(['invoice-march.pdf', '1.2 MB', 'PDF', expect.any(String), 'Local vault']);
    expect(cells[3]?.querySelector('time')?.getAttribute('datetime')).toMatch(/^2025-01-15T/);
    // Newest first by default.
    expect(documentRows().map((r) => within(r).getAllByRole('gridcell')[0]?.textContent)).toEqual([
      'notes.txt',
      'holiday.png',
      'invoice-march.pdf',
    ]);
    expect(within(grid()).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Size', 'Type', 'Added', 'Backend']);
  });

  it('keeps only the rows in view in the DOM with 100,000 documents, and loads pages of 200 as the person scrolls', async () => {
    const fake = new FakeBridge();
    fake.addManyDocuments(100_000);
    await renderApp(fake);

    expect(grid()).toHaveAttribute('aria-rowcount', '100001');
    const rendered = documentRows().length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(80);
    expect(fake.callsTo('documents:list')).toEqual([expect.objectContaining({ offset: 0, limit: 200, folderId: fake.defaultFolderId })]);
    // The scroll area is as tall as all rows, so the scrollbar reflects 100,000 documents.
    const spacer = grid().querySelector<HTMLElement>('.grid__spacer');
    expect(spacer?.style.height).toBe(`${100_000 * 36}px`);

    const body = grid().querySelector<HTMLElement>('.grid__body')!;
    act(() => body.scrollTo({ top: 50_000 * 36 }));
    // Row 50,000 (newest first) is "Document 050000.pdf"; its page (offset 49,800) is fetched on demand.
    await waitFor(() => expect(fake.callsTo('documents:list').map((c) => c.offset)).toContain(49_800));
    await screen.findByText('Document 050000.pdf');
    expect(documentRows().length).toBeLessThan(80);
    expect(fake.callsTo('documents:list').every((c) => c.limit === 200)).toBe(true);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const { fake, user } = await renderApp(seeded());
    await user.click(within(grid()).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(fake.lastCallTo('documents:list')).toMatchObject({ sortBy: 'name', sortDir: 'asc', offset: 0 }));
    await waitFor(() => expect(documentRows()[0]).toHaveTextContent('holiday.png'));
    expect(within(grid()).getAllByRole('columnheader')[0]).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(grid()).getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(fake.lastCallTo('documents:list')).toMatchObject({ sortBy: 'name', sortDir: 'desc' }));
    await waitFor(() => expect(documentRows()[0]).toHaveTextContent('notes.txt'));

    await user.click(within(grid()).getByRole('button', { name: 'Size' }));
    await waitFor(() => expect(fake.lastCallTo('documents:list')).toMatchObject({ sortBy: 'size', sortDir: 'desc' }));
    await waitFor(() => expect(documentRows()[0]).toHaveTextContent('invoice-march.pdf'));

    await user.click(within(grid()).getByRole('button', { name: 'Added' }));
    await waitFor(() => expect(fake.lastCallTo('documents:list')).toMatchObject({ sortBy: 'createdAt', sortDir: 'desc' }));
  });

  it('searches after the person pauses typing, not on every keystroke', async () => {
    const { fake, user } = await renderApp(seeded());
    await user.type(screen.getByRole('searchbox', { name: 'Search documents' }), 'hol');
    await waitFor(() => expect(fake.lastCallTo('documents:list')).toMatchObject({ search: 'hol', offset: 0 }));
    await waitFor(() => expect(documentRows().map((r) => r.getAttribute('data-document-id'))).toHaveLength(1));
    expect(rowNamed('holiday.png')).toBeInTheDocument();
    const searches = fake.callsTo('documents:list').map((c) => c.search);
    expect(searches).not.toContain('h');
    expect(searches).not.toContain('ho');
  });

  it('tells the person when nothing matches the search', async () => {
    const { user } = await renderApp(seeded());
    await user.type(screen.getByRole('searchbox', { name: 'Search documents' }), 'zebra');
    expect(await screen.findByText('No documents match “zebra”')).toBeInTheDocument();
  });

  it('selects with click, Ctrl+click and Shift+click', async () => {
    const { user } = await renderApp(seeded());
    const [first, second, third] = documentRows();
    await user.click(first!);
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(second).toHaveAttribute('aria-selected', 'false');

    await user.keyboard('{Control>}');
    await user.click(third!);
    await user.keyboard('{/Control}');
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(second).toHaveAttribute('aria-selected', 'false');
    expect(third).toHaveAttribute('aria-selected', 'true');

    await user.click(first!);
    await user.keyboard('{Shift>}');
    await user.click(third!);
    await user.keyboard('{/Shift}');
    expect(documentRows().map((r) => r.getAttribute('aria-selected'))).toEqual(['true', 'true', 'true']);
    expect(screen.getByText('3 of 3 documents selected')).toBeInTheDocument();
  });

  it('moves the selection with the arrow keys', async () => {
    const { user } = await renderApp(seeded());
    const [first, second] = documentRows();
    await user.click(first!);
    await user.keyboard('{ArrowDown}');
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveAttribute('aria-selected', 'false');
    expect(second).toHaveFocus();
    await user.keyboard('{Shift>}{ArrowUp}{/Shift}');
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(second).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Escape}');
    expect(documentRows().map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'false', 'false']);
  });

  it('selects every document with Ctrl+A, rows never loaded included, and deletes them in requests of at most 10,000', async () => {
    const fake = new FakeBridge();
    fake.addManyDocuments(25_000);
    const { user } = await renderApp(fake);
    await user.click(documentRows()[0]!);
    await user.keyboard('{Control>}a{/Control}');
    expect(await screen.findByText('25,000 of 25,000 documents selected')).toBeInTheDocument();
    // Only the first page was ever listed; the other ids came from documents:list-ids.
    expect(fake.callsTo('documents:list').map((c) => c.offset)).toEqual([0]);
    expect(fake.callsTo('documents:list-ids')).toEqual([expect.objectContaining({ offset: 0, limit: 25_000, folderId: fake.defaultFolderId })]);

    await user.keyboard('{Delete}');
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Delete 25,000 documents?');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(fake.callsTo('documents:delete').map((c) => c.ids.length)).toEqual([10_000, 10_000, 5_000]));
    expect(new Set(fake.callsTo('documents:delete').flatMap((c) => c.ids)).size).toBe(25_000);
    await waitFor(() => expect(fake.documentsIn(fake.defaultFolderId)).toHaveLength(0));
  });

  it('extends the selection over rows never loaded with Shift+click and Shift+End', async () => {
    const fake = new FakeBridge();
    fake.addManyDocuments(1_000);
    const { user } = await renderApp(fake);
    await user.click(documentRows()[1]!);
    await user.keyboard('{Shift>}{End}{/Shift}');
    // Rows 1…999: the anchor row to the last, most of them never listed.
    expect(await screen.findByText('999 of 1,000 documents selected')).toBeInTheDocument();
    expect(fake.lastCallTo('documents:list-ids')).toMatchObject({ offset: 1, limit: 999 });
    await user.keyboard('{Escape}');
    expect(await screen.findByText('1,000 documents')).toBeInTheDocument();
  });

  it('deletes the selection with the Delete key after confirmation', async () => {
    const { fake, user } = await renderApp(seeded());
    const doomed = fake.documentsIn(fake.defaultFolderId).filter((d) => d.name !== 'invoice-march.pdf').map((d) => d.id);
    await user.click(rowNamed('notes.txt'));
    await user.keyboard('{Control>}');
    await user.click(rowNamed('holiday.png'));
    await user.keyboard('{/Control}');
    await user.keyboard('{Delete}');

    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Delete 2 documents?');
    expect(fake.callsTo('documents:delete')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(fake.callsTo('documents:delete')).toHaveLength(1));
    expect(new Set(fake.lastCallTo('documents:delete')?.ids)).toEqual(new Set(doomed));
    await waitFor(() => expect(documentRows()).toHaveLength(1));
    expect(rowNamed('invoice-march.pdf')).toBeInTheDocument();
  });

  it('does nothing when the delete confirmation is cancelled', async () => {
    const { fake, user } = await renderApp(seeded());
    await user.click(rowNamed('notes.txt'));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(fake.callsTo('documents:delete')).toHaveLength(0);
    expect(documentRows()).toHaveLength(3);
  });

  it('enables the toolbar Delete button only with a selection', async () => {
    const { user } = await renderApp(seeded());
    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button).toBeDisabled();
    await user.click(rowNamed('notes.txt'));
    expect(button).toBeEnabled();
  });

  it('renames the focused document with F2 and Enter', async () => {
    const { fake, user } = await renderApp(seeded());
    await user.click(rowNamed('notes.txt'));
    await user.keyboard('{F2}');
    const field = screen.getByRole('textbox', { name: 'New name' });
    expect(field).toHaveValue('notes.txt');
    await user.clear(field);
    await user.type(field, 'meeting notes.txt{Enter}');
    await waitFor(() => expect(fake.lastCallTo('documents:rename')).toEqual({ id: expect.any(String), name: 'meeting notes.txt' }));
    expect(await screen.findByText('meeting notes.txt')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'New name' })).not.toBeInTheDocument();
  });

  it('renames from the row context menu', async () => {
    const { fake, user } = await renderApp(seeded());
    fireEvent.contextMenu(rowNamed('holiday.png'), { clientX: 20, clientY: 20 });
    await user.click(screen.getByRole('menuitem', { name: /^Rename/ }));
    const field = screen.getByRole('textbox', { name: 'New name' });
    await user.clear(field);
    await user.type(field, 'beach.png{Enter}');
    await waitFor(() => expect(fake.lastCallTo('documents:rename')).toMatchObject({ name: 'beach.png' }));
  });

  it('teaches drag and drop when the folder is empty', async () => {
    await renderApp(new FakeBridge());
    expect(screen.getByText('Drag documents here')).toBeInTheDocument();
    expect(documentRows()).toHaveLength(0);
  });

  it('refreshes the list when main says the folder changed', async () => {
    const { fake } = await renderApp(seeded());
    fake.addDocument({ name: 'arrived-elsewhere.pdf' });
    act(() => fake.emit('documents:changed', { folderIds: [fake.defaultFolderId] }));
    expect(await screen.findByText('arrived-elsewhere.pdf')).toBeInTheDocument();
  });

  it('shows an error toast with the message when an action fails', async () => {
    const { fake, user } = await renderApp(seeded());
    fake.overrides['documents:delete'] = () => ({ ok: false, error: { code: 'BACKEND_UNAVAILABLE', message: 'The S3 bucket is not reachable.' } });
    await user.click(rowNamed('notes.txt'));
    await user.keyboard('{Delete}');
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The S3 bucket is not reachable.');
    expect(documentRows()).toHaveLength(3);
  });
});
