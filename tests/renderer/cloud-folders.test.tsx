import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge';
import { documentRows, folderButton, renderApp } from './support/render-app';

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Folders' });
}

describe('folders on connections', () => {
  it('lets the New folder dialog put a folder on an active connection, and only on an active one', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    fake.connections.add({ provider: 's3', label: 'Old bucket', status: 'REQUIRES_REAUTH' });
    const { user } = await renderApp(fake);
    await user.click(within(nav()).getByRole('button', { name: 'New folder' }));
    const dialog = screen.getByRole('dialog', { name: 'New folder' });
    const location = within(dialog).getByRole('combobox', { name: 'Location' });
    await waitFor(() => expect(within(location).getAllByRole('option').map((o) => o.textContent)).toEqual(['This computer', 'Home NAS']));

    await user.type(within(dialog).getByRole('textbox', { name: 'Folder name' }), 'Scans');
    await user.selectOptions(location, 'Home NAS');
    await user.click(within(dialog).getByRole('button', { name: 'Create folder' }));
    await waitFor(() => expect(fake.callsTo('folders:create')).toEqual([{ name: 'Scans', parentId: null, connectionId: nas.id }]));
    expect(await within(nav()).findByRole('button', { name: /^Scans/ })).toHaveAttribute('aria-current', 'true');
    expect(fake.folderList().find((f) => f.name === 'Scans')?.backend).toBe('webdav');
  });

  it('shows a folder whose connection needs re-authentication with a badge and a Reconnect button that opens the reconnect', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS', status: 'REQUIRES_REAUTH' });
    const scans = fake.addFolder('Scans', null, nas.id);
    fake.addFolder('2025', scans.id);
    const { user } = await renderApp(fake);

    expect(folderButton('Scans')).toHaveAccessibleName('Scans, 0 documents, needs reconnect');
    expect(within(nav()).getByText('Needs reconnect')).toBeInTheDocument();
    // Said once per connection, at its top folder, not again on each subfolder.
    const reconnect = await within(nav()).findByRole('button', { name: 'Reconnect Home NAS' });
    expect(within(nav()).getAllByRole('button', { name: /^Reconnect / })).toHaveLength(1);

    await user.click(reconnect);
    expect(await screen.findByRole('region', { name: 'Connections' })).toBeInTheDocument();
    const dialog = await screen.findByRole('dialog', { name: 'Reconnect Home NAS' });
    await user.type(within(dialog).getByLabelText('Password'), 'again');
    await user.click(within(dialog).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(fake.callsTo('connections:reconnect')).toEqual([{ id: nas.id, credentials: { password: 'again' } }]));
    await waitFor(() => expect(within(nav()).queryByText('Needs reconnect')).not.toBeInTheDocument());
    expect(within(nav()).queryByRole('button', { name: 'Reconnect Home NAS' })).not.toBeInTheDocument();
  });

  it('marks a folder of a disconnected connection as Disconnected, without a reconnect prompt', async () => {
    const fake = new FakeBridge();
    const old = fake.connections.add({ provider: 'nextcloud', label: 'Old cloud', status: 'DISCONNECTED' });
    fake.addFolder('Archive', null, old.id);
    await renderApp(fake);
    expect(await within(nav()).findByText('Disconnected')).toBeInTheDocument();
    expect(folderButton('Archive')).toHaveAccessibleName('Archive, 0 documents, disconnected');
    expect(within(nav()).queryByRole('button', { name: /^Reconnect/ })).not.toBeInTheDocument();
  });
});

describe('documents that cannot be reached', () => {
  async function unavailableDocument() {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS', status: 'REQUIRES_REAUTH' });
    const scans = fake.addFolder('Scans', null, nas.id);
    const document = fake.addDocument({ name: 'contract.pdf', folderId: scans.id, backend: 'webdav', connectionId: nas.id });
    fake.addDocument({ name: 'reachable.pdf', folderId: scans.id, backend: 'webdav', connectionId: nas.id, available: true });
    const harness = await renderApp(fake);
    await harness.user.click(folderButton('Scans'));
    await waitFor(() => expect(documentRows()).toHaveLength(2));
    const row = documentRows().find((r) => r.getAttribute('data-document-id') === document.id)!;
    return { ...harness, nas, row, document };
  }

  it('dims an unavailable row and says so in words', async () => {
    const { row } = await unavailableDocument();
    expect(row).toHaveClass('grid__row--unavailable');
    expect(within(row).getByText('Unavailable')).toBeInTheDocument();
    expect(row).toHaveAttribute('title', 'Reconnect to open');
    const other = documentRows().find((r) => r !== row)!;
    expect(other).not.toHaveClass('grid__row--unavailable');
    expect(within(other).queryByText('Unavailable')).not.toBeInTheDocument();
  });

  it('opens as “Reconnect to open” without asking for its content, and offers the reconnect', async () => {
    const { fake, user, row } = await unavailableDocument();
    await user.dblClick(row);
    const viewer = await screen.findByRole('dialog', { name: 'Viewer: contract.pdf' });
    expect(within(viewer).getByText('Reconnect to open')).toBeInTheDocument();
    expect(viewer).toHaveTextContent('“contract.pdf” is stored on Home NAS, which needs reconnecting.');
    expect(within(viewer).getByRole('button', { name: 'Save a copy…' })).toBeDisabled();
    expect(fake.callsTo('documents:content')).toHaveLength(0);

    await user.click(within(viewer).getByRole('button', { name: 'Reconnect Home NAS' }));
    expect(await screen.findByRole('dialog', { name: 'Reconnect Home NAS' })).toBeInTheDocument();
  });

  it('turns an open document into “Reconnect to open” when its connection drops, and shows it again once reconnected', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const scans = fake.addFolder('Scans', null, nas.id);
    fake.addDocument({ name: 'archive.bin', folderId: scans.id, backend: 'webdav', connectionId: nas.id, contentType: 'application/octet-stream' });
    const { user } = await renderApp(fake);
    await user.click(folderButton('Scans'));
    await waitFor(() => expect(documentRows()).toHaveLength(1));
    await user.dblClick(documentRows()[0]!);
    const viewer = await screen.findByRole('dialog', { name: 'Viewer: archive.bin' });
    expect(await within(viewer).findByText('No preview available')).toBeInTheDocument();
    expect(fake.callsTo('documents:content')).toHaveLength(1);

    fake.connections.setStatus(nas.id, 'REQUIRES_REAUTH');
    expect(await within(viewer).findByText('Reconnect to open')).toBeInTheDocument();
    expect(within(viewer).queryByText('No preview available')).not.toBeInTheDocument();
    expect(within(viewer).getByRole('button', { name: 'Save a copy…' })).toBeDisabled();

    fake.connections.setStatus(nas.id, 'ACTIVE');
    await waitFor(() => expect(within(viewer).queryByText('Reconnect to open')).not.toBeInTheDocument());
    expect(await within(viewer).findByText('No preview available')).toBeInTheDocument();
    expect(fake.callsTo('documents:content')).toHaveLength(2);
  });
});
