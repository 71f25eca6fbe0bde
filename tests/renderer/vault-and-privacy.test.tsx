import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge';
import { WEAK_PROTECTION_MESSAGE } from './support/fake-connections';
import { renderApp } from './support/render-app';
import { notices, openSettings } from './support/settings';

async function openSection(fake: FakeBridge, section: 'Vault' | 'Privacy & data') {
  const harness = await renderApp(fake);
  await openSettings(harness);
  await harness.user.click(within(screen.getByRole('navigation', { name: 'Settings sections' })).getByRole('button', { name: section }));
  return { ...harness, region: await screen.findByRole('region', { name: section }) };
}

describe('Settings → Vault', () => {
  it('shows how much the local vault holds and sets its quota', async () => {
    const fake = new FakeBridge();
    fake.addDocument({ name: 'a.pdf', size: 1_500_000 });
    fake.addDocument({ name: 'b.pdf', size: 500_000 });
    const { user, region } = await openSection(fake, 'Vault');
    expect(await within(region).findByText('2 MB used, no limit')).toBeInTheDocument();
    expect(region).toHaveTextContent('2 documents');

    const quota = within(region).getByRole('textbox', { name: 'Vault quota' });
    await user.type(quota, 'lots{Enter}');
    expect(quota).toHaveAccessibleDescription(/Enter a size such as 50 GB/);
    expect(fake.callsTo('vault:set-quota')).toHaveLength(0);

    await user.clear(quota);
    await user.type(quota, '4 MB{Enter}');
    await waitFor(() => expect(fake.callsTo('vault:set-quota')).toEqual([{ quotaBytes: 4_000_000 }]));
    expect(await within(region).findByText('2 MB of 4 MB used')).toBeInTheDocument();
    expect(within(region).getByRole('meter', { name: 'Vault usage' })).toHaveAttribute('aria-valuenow', '50');
  });
});

describe('Settings → Privacy & data', () => {
  it('says how passwords are protected', async () => {
    const { region } = await openSection(new FakeBridge(), 'Privacy & data');
    expect(await within(region).findByText("Passwords are protected by your system's keychain.")).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Store with this protection' })).not.toBeInTheDocument();
  });

  it('explains the weaker protection and records the person’s agreement', async () => {
    const fake = new FakeBridge();
    fake.connections.requireConsent();
    const { user, region } = await openSection(fake, 'Privacy & data');
    expect(await within(region).findByText(WEAK_PROTECTION_MESSAGE)).toBeInTheDocument();
    await user.click(within(region).getByRole('button', { name: 'Store with this protection' }));
    await waitFor(() => expect(fake.callsTo('credentials:consent')).toEqual([{ accept: true }]));
    expect(await within(region).findByText('Passwords will be stored with this protection.')).toBeInTheDocument();
  });

  it('says what stays on each server before removing all data, and removes it when confirmed', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const folder = fake.addFolder('Scans', null, nas.id);
    fake.addDocument({ name: 'scan.pdf', folderId: folder.id, backend: 'webdav', connectionId: nas.id });
    fake.addDocument({ name: 'local.pdf' });
    const { user, region } = await openSection(fake, 'Privacy & data');
    await user.click(within(region).getByRole('button', { name: 'Remove all DocuVault data…' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Remove all DocuVault data?' });
    await waitFor(() => expect(dialog).toHaveTextContent('the 1 document in your local vault'));
    expect(dialog).toHaveTextContent('all saved passwords and sign-ins');
    expect(dialog).toHaveTextContent('documents DocuVault put on your servers stay there');
    expect(dialog).toHaveTextContent('Home NAS: 1 document');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(within(dialog).getByRole('checkbox', { name: 'Also delete DocuVault’s documents from each server first' })).not.toBeChecked();

    await user.click(within(dialog).getByRole('button', { name: 'Remove all data' }));
    await waitFor(() => expect(fake.callsTo('vault:remove-all-data')).toEqual([{ deleteFromServers: false }]));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(notices()).toContain('All DocuVault data was removed from this computer.');
    // Back to the (now empty) Library.
    expect(await screen.findByText('Drag documents here')).toBeInTheDocument();
  });

  it('deletes DocuVault’s documents from the servers first when asked, and names a server it could not reach', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const gone = fake.connections.add({ provider: 's3', label: 'Old bucket', status: 'REQUIRES_REAUTH' });
    fake.addDocument({ name: 'n.pdf', folderId: fake.addFolder('N', null, nas.id).id, backend: 'webdav', connectionId: nas.id });
    fake.addDocument({ name: 'o.pdf', folderId: fake.addFolder('O', null, gone.id).id, backend: 's3', connectionId: gone.id });
    const { user, region } = await openSection(fake, 'Privacy & data');
    await user.click(within(region).getByRole('button', { name: 'Remove all DocuVault data…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove all DocuVault data?' });
    const deleteFirst = within(dialog).getByRole('checkbox', { name: 'Also delete DocuVault’s documents from each server first' });
    expect(deleteFirst).toHaveAccessibleDescription(/Deletes the 1 document DocuVault stored on Home NAS\..*Old bucket cannot be reached/);
    await user.click(deleteFirst);
    await user.click(within(dialog).getByRole('button', { name: 'Delete from servers and remove all data' }));

    await waitFor(() => expect(fake.callsTo('vault:remove-all-data')).toEqual([{ deleteFromServers: true }]));
    expect(await screen.findByRole('alert')).toHaveTextContent('DocuVault could not delete its documents from Old bucket. They are still on those servers.');
    expect(notices()).toContain('All DocuVault data was removed, and 1 document deleted from your servers.');
  });
});
