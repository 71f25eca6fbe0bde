import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionDto } from '../../src-shared/domain';
import { FakeBridge } from './support/fake-bridge';
import { renderApp } from './support/render-app';
import { connectionItem, findConnectionItem, notices, openSettings } from './support/settings';

async function settingsWith(fake: FakeBridge) {
  const harness = await renderApp(fake);
  await openSettings(harness);
  return harness;
}

/** A WebDAV connection with two folders and three documents on it. */
function nasWithDocuments(fake: FakeBridge, partial: Partial<ConnectionDto> = {}): ConnectionDto {
  const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS', account: 'alice', ...partial });
  const scans = fake.addFolder('Scans', null, nas.id);
  fake.addFolder('Letters', null, nas.id);
  for (const name of ['a.pdf', 'b.pdf', 'c.pdf']) fake.addDocument({ name, folderId: scans.id, backend: 'webdav', connectionId: nas.id });
  return nas;
}

describe('reconnecting', () => {
  it('asks a WebDAV connection for its password again, and shows it active afterwards', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({
      provider: 'webdav',
      label: 'Home NAS',
      account: 'alice',
      status: 'REQUIRES_REAUTH',
      lastError: 'The server refused the saved password.',
    });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Reconnect' }));

    const dialog = screen.getByRole('dialog', { name: 'Reconnect Home NAS' });
    expect(dialog).toHaveTextContent('The server refused the saved password.');
    const password = within(dialog).getByLabelText('Password');
    expect(password).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Reconnect' }));
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('This field is required.');
    expect(fake.callsTo('connections:reconnect')).toHaveLength(0);

    await user.type(password, 'new password');
    await user.click(within(dialog).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(fake.callsTo('connections:reconnect')).toEqual([{ id: nas.id, credentials: { password: 'new password' } }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(notices()).toContain('Home NAS reconnected');
    await waitFor(() => expect(connectionItem('Home NAS')).toHaveAccessibleName('Home NAS, WebDAV, Active'));
  });

  it('asks an S3 connection for both keys, prefilled with the access key it had', async () => {
    const fake = new FakeBridge();
    const bucket = fake.connections.add({ provider: 's3', label: 'Backups', account: 'AKIAOLD', status: 'REQUIRES_REAUTH' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Backups')).getByRole('button', { name: 'Reconnect' }));
    const dialog = screen.getByRole('dialog', { name: 'Reconnect Backups' });
    expect(within(dialog).getByRole('textbox', { name: 'Access key ID' })).toHaveValue('AKIAOLD');
    // The secret is what changes: it has focus.
    expect(within(dialog).getByLabelText('Secret access key')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('Secret access key'), 'rotated');
    await user.click(within(dialog).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() =>
      expect(fake.callsTo('connections:reconnect')).toEqual([{ id: bucket.id, credentials: { accessKeyId: 'AKIAOLD', secretAccessKey: 'rotated' } }]),
    );
  });

  it('signs Google Drive in again through the browser, for that same connection', async () => {
    const fake = new FakeBridge();
    const drive = fake.connections.add({ provider: 'google_drive', label: 'Google Drive', status: 'REQUIRES_REAUTH' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Google Drive')).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(fake.callsTo('connections:connect-oauth')).toEqual([{ provider: 'google_drive', reconnectId: drive.id }]));
    const dialog = await screen.findByRole('dialog', { name: 'Waiting for sign-in' });
    expect(within(dialog).getByRole('group', { name: 'Sign in to Google Drive again in your browser' })).toBeInTheDocument();
    expect(fake.callsTo('connections:reconnect')).toHaveLength(0);

    fake.connections.finishLogin([...fake.connections.attempts.keys()][0]!);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(notices()).toContain('Google Drive connected');
    await waitFor(() => expect(connectionItem('Google Drive')).toHaveAccessibleName('Google Drive, Google Drive, Active'));
  });

  it('cancels a browser reconnect on request', async () => {
    const fake = new FakeBridge();
    fake.connections.add({ provider: 'onedrive', label: 'Work files', status: 'REQUIRES_REAUTH' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Work files')).getByRole('button', { name: 'Reconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Waiting for sign-in' });
    const attemptId = [...fake.connections.attempts.keys()][0]!;
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.callsTo('connections:cancel-login')).toEqual([{ attemptId }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

describe('rename and test', () => {
  it('renames a connection in place', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'nas.local' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('nas.local')).getByRole('button', { name: 'Rename' }));
    const field = within(connectionItem('nas.local')).getByRole('textbox', { name: 'Connection name' });
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.click(within(connectionItem('nas.local')).getByRole('button', { name: 'Save name' }));
    expect(field).toHaveAccessibleDescription('Give the connection a name.');
    expect(fake.callsTo('connections:rename')).toHaveLength(0);

    await user.type(field, 'Home NAS{Enter}');
    await waitFor(() => expect(fake.callsTo('connections:rename')).toEqual([{ id: nas.id, label: 'Home NAS' }]));
    expect(await findConnectionItem('Home NAS')).toBeInTheDocument();
    expect(within(connectionItem('Home NAS')).queryByRole('textbox', { name: 'Connection name' })).not.toBeInTheDocument();
  });

  it('tests a connection and says what the server answered', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Test' }));
    await waitFor(() => expect(fake.callsTo('connections:test')).toEqual([{ id: nas.id }]));
    expect(await within(connectionItem('Home NAS')).findByText('The server answered. 5 GB free.')).toBeInTheDocument();
  });

  it('says why a test failed', async () => {
    const fake = new FakeBridge();
    fake.connections.add({ provider: 'webdav', label: 'Home NAS', status: 'REQUIRES_REAUTH' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Test' }));
    expect(await within(connectionItem('Home NAS')).findByText('Reconnect this connection to use it again.')).toBeInTheDocument();
  });

  it('changes the quota DocuVault enforces on an S3 connection', async () => {
    const fake = new FakeBridge();
    const bucket = fake.connections.add({ provider: 's3', label: 'Backups', quotaBytes: 10e9 });
    const { user } = await settingsWith(fake);
    const item = await findConnectionItem('Backups');
    expect(item).toHaveTextContent('10 GB');
    await user.click(within(item).getByRole('button', { name: 'Change quota' }));
    const quota = within(connectionItem('Backups')).getByRole('textbox', { name: 'Quota' });
    expect(quota).toHaveValue('10 GB');
    await user.clear(quota);
    await user.type(quota, '25 GB{Enter}');
    await waitFor(() => expect(fake.callsTo('connections:set-quota')).toEqual([{ id: bucket.id, quotaBytes: 25e9 }]));
    await waitFor(() => expect(connectionItem('Backups')).toHaveTextContent('25 GB'));
  });
});

describe('disconnecting', () => {
  const choices = [
    {
      mode: 'delete-from-server',
      radio: 'Delete its documents from the server',
      says: 'DocuVault deletes the 3 documents it stored on Home NAS from the server, then removes them and the 2 folders from DocuVault. This cannot be undone.',
      notice: 'Disconnected Home NAS and deleted 3 documents from the server.',
    },
    {
      mode: 'keep-listed',
      radio: 'Keep them listed as unavailable',
      says: 'The 3 documents and 2 folders stay in DocuVault, dimmed, and cannot be opened until you reconnect. Nothing is deleted from the server.',
      notice: 'Disconnected Home NAS. Its documents stay listed until you reconnect.',
    },
    {
      mode: 'forget',
      radio: 'Remove them from DocuVault only',
      says: 'DocuVault forgets the 3 documents and removes the 2 folders from its list. The files stay on Home NAS, untouched',
      notice: 'Disconnected Home NAS. Its documents stay on the server.',
    },
  ] as const;

  it.each(choices)('sends “$mode” when the person chooses “$radio”, and the dialog says what that does', async ({ mode, radio, says, notice }) => {
    const fake = new FakeBridge();
    const nas = nasWithDocuments(fake);
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Disconnect' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect Home NAS?' });
    expect(dialog).toHaveAccessibleDescription(/deletes the password or sign-in it keeps for Home NAS from this computer/);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    const option = within(dialog).getByRole('radio', { name: radio });
    expect(option.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(option.getAttribute('aria-describedby')!)?.textContent).toContain(says);
    await user.click(option);
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    await waitFor(() => expect(fake.callsTo('connections:disconnect')).toEqual([{ id: nas.id, documents: mode }]));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(notices()).toContain(notice);
  });

  it('starts on the choice that loses least, and sends nothing when cancelled', async () => {
    const fake = new FakeBridge();
    nasWithDocuments(fake);
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Disconnect' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect Home NAS?' });
    expect(within(dialog).getByRole('radio', { name: 'Keep them listed as unavailable' })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(fake.callsTo('connections:disconnect')).toHaveLength(0);
  });

  it('does not offer to delete from a server it cannot reach', async () => {
    const fake = new FakeBridge();
    nasWithDocuments(fake, { status: 'REQUIRES_REAUTH' });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Disconnect' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect Home NAS?' });
    const remove = within(dialog).getByRole('radio', { name: 'Delete its documents from the server' });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription('Reconnect first: DocuVault cannot reach the server to delete anything.');
  });

  it('keeps the dialog open with main’s message when disconnecting fails', async () => {
    const fake = new FakeBridge();
    nasWithDocuments(fake);
    fake.overrides['connections:disconnect'] = () => ({
      ok: false,
      error: { code: 'CONFLICT', message: 'Documents are still uploading to this connection. Wait for them to finish or cancel them.' },
    });
    const { user } = await settingsWith(fake);
    await user.click(within(await findConnectionItem('Home NAS')).getByRole('button', { name: 'Disconnect' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect Home NAS?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Documents are still uploading to this connection.');
  });
});
