import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge';
import { folderButton, renderApp } from './support/render-app';
import { connectionItem, connectionsSection, findConnectionItem, openSettings } from './support/settings';

describe('Settings screen', () => {
  it('opens from the sidebar’s Settings button with Connections, Vault and Privacy & data, and goes back to the Library', async () => {
    const harness = await renderApp();
    const { user } = harness;
    await openSettings(harness);
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    const sections = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(within(sections).getAllByRole('button').map((b) => b.textContent)).toEqual(['Connections', 'Vault', 'Privacy & data']);
    // The Library's document grid is not shown while Settings is.
    expect(screen.queryByRole('grid', { name: 'Documents' })).not.toBeInTheDocument();

    await user.click(within(sections).getByRole('button', { name: 'Vault' }));
    expect(await screen.findByRole('region', { name: 'Vault' })).toBeInTheDocument();
    await user.click(within(sections).getByRole('button', { name: 'Privacy & data' }));
    expect(await screen.findByRole('region', { name: 'Privacy & data' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Back to library' }));
    expect(await screen.findByRole('grid', { name: 'Documents' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Privacy & data' })).not.toBeInTheDocument();
  });

  it('opens with Ctrl+, and closes when a folder is chosen', async () => {
    const fake = new FakeBridge();
    fake.addFolder('Invoices');
    const { user } = await renderApp(fake);
    fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    expect(await screen.findByRole('region', { name: 'Connections' })).toBeInTheDocument();
    await user.click(folderButton('Invoices'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Connections' })).not.toBeInTheDocument();
  });

  it('lists every connection named by its label, with its status in words and its actions', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS', account: 'alice', settings: { url: 'https://nas.local/dav' } });
    fake.addFolder('Scans', null, nas.id);
    fake.connections.add({ provider: 'google_drive', label: 'Google Drive', account: 'bob@example.com', status: 'REQUIRES_REAUTH' });
    fake.connections.add({ provider: 's3', label: 'Backups', status: 'ERROR', lastError: 'The bucket could not be reached.' });
    fake.connections.add({ provider: 'nextcloud', label: 'Old cloud', status: 'DISCONNECTED' });
    const harness = await renderApp(fake);
    await openSettings(harness);

    const home = await findConnectionItem('Home NAS');
    expect(home).toHaveAccessibleName('Home NAS, WebDAV, Active');
    expect(within(home).getByText('Active')).toBeInTheDocument();
    expect(home).toHaveTextContent('https://nas.local/dav');
    expect(home).toHaveTextContent('1 folder, 0 documents');
    for (const action of ['Test', 'Reconnect', 'Rename', 'Disconnect']) {
      expect(within(home).getByRole('button', { name: action })).toBeEnabled();
    }
    expect(within(connectionItem('Google Drive')).getByText('Needs reconnect')).toBeInTheDocument();
    expect(within(connectionItem('Backups')).getByText('Error')).toBeInTheDocument();
    expect(connectionItem('Backups')).toHaveTextContent('The bucket could not be reached.');
    expect(within(connectionItem('Old cloud')).getByText('Disconnected')).toBeInTheDocument();
    // No secret ever reaches the window; the account is what identifies it.
    expect(within(connectionsSection()).getAllByRole('listitem', { name: /, (Active|Needs reconnect|Error|Disconnected)$/ })).toHaveLength(4);
  });

  it('shows a connection’s new status when main reports a change', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const harness = await renderApp(fake);
    await openSettings(harness);
    await findConnectionItem('Home NAS');
    fake.connections.setStatus(nas.id, 'REQUIRES_REAUTH', 'The server refused the saved password.');
    await waitFor(() => expect(connectionItem('Home NAS')).toHaveAccessibleName('Home NAS, WebDAV, Needs reconnect'));
    expect(connectionItem('Home NAS')).toHaveTextContent('The server refused the saved password.');
  });

  it('says so when there are no connections yet', async () => {
    const harness = await renderApp();
    await openSettings(harness);
    expect(await within(connectionsSection()).findByText(/No connections yet/)).toBeInTheDocument();
  });
});
