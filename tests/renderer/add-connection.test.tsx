import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail } from '../../src-shared/result';
import { FakeBridge } from './support/fake-bridge';
import { WEAK_PROTECTION_MESSAGE } from './support/fake-connections';
import { renderApp } from './support/render-app';
import { connectionsSection, findConnectionItem, notices, openAddConnection, openSettings } from './support/settings';

const FINGERPRINT = 'C0:FF:EE:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC';

async function settingsWith(fake = new FakeBridge()) {
  const harness = await renderApp(fake);
  await openSettings(harness);
  return harness;
}

/** A field by its exact label (password inputs have no textbox role). */
function field(dialog: HTMLElement, name: string): HTMLElement {
  return within(dialog).getByLabelText(name);
}

describe('Add connection: WebDAV', () => {
  it('offers every provider, then the WebDAV form with its fields', async () => {
    const harness = await settingsWith();
    const { user } = harness;
    await user.click(screen.getByRole('button', { name: 'Add connection' }));
    const dialog = screen.getByRole('dialog', { name: 'Add connection' });
    for (const provider of ['S3-compatible storage', 'WebDAV', 'Nextcloud', 'Google Drive', 'OneDrive']) {
      expect(within(dialog).getByRole('button', { name: provider })).toBeInTheDocument();
    }
    await user.click(within(dialog).getByRole('button', { name: 'WebDAV' }));
    expect(dialog).toHaveAccessibleName('Connect WebDAV');
    expect(within(dialog).getByRole('textbox', { name: 'Server URL' })).toHaveFocus();
    expect(within(dialog).getByRole('textbox', { name: 'User name' })).toBeInTheDocument();
    expect(field(dialog, 'Password')).toHaveAttribute('type', 'password');
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Connect' })).toBeInTheDocument();
  });

  it('marks each missing or malformed field next to it and sends nothing', async () => {
    const harness = await settingsWith();
    const { fake, user } = harness;
    const dialog = await openAddConnection(harness, 'WebDAV');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'nas.local/dav');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    const url = within(dialog).getByRole('textbox', { name: 'Server URL' });
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription('Start the server address with https:// (or http:// for a server on your own network).');
    expect(within(dialog).getByRole('textbox', { name: 'User name' })).toHaveAccessibleDescription('This field is required.');
    expect(field(dialog, 'Password')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(url).toHaveFocus());
    expect(fake.callsTo('connections:connect-webdav')).toHaveLength(0);
    expect(fake.callsTo('connections:probe-certificate')).toHaveLength(0);

    // Fixing a field clears its message.
    await user.clear(url);
    await user.type(url, 'https://nas.local/dav');
    expect(url).not.toHaveAttribute('aria-invalid');
  });

  it('connects, says so, and lists the new connection', async () => {
    const harness = await settingsWith();
    const { fake, user } = harness;
    const dialog = await openAddConnection(harness, 'WebDAV');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'https://nas.local/dav');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'alice');
    await user.type(field(dialog, 'Password'), 'correct horse');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Home NAS');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    await waitFor(() =>
      expect(fake.callsTo('connections:connect-webdav')).toEqual([
        { url: 'https://nas.local/dav', username: 'alice', password: 'correct horse', label: 'Home NAS' },
      ]),
    );
    // A publicly trusted certificate needs no decision: nothing is pinned.
    expect(fake.callsTo('connections:probe-certificate')).toEqual([{ url: 'https://nas.local/dav' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(notices()).toContain('Home NAS connected');
    expect(await findConnectionItem('Home NAS')).toHaveAccessibleName('Home NAS, WebDAV, Active');
  });

  it('shows the server’s refusal next to Connect and keeps what was typed', async () => {
    const fake = new FakeBridge();
    fake.overrides['connections:connect-webdav'] = () =>
      fail('VALIDATION', 'The server refused these credentials. Check the user name and password or keys.');
    const harness = await settingsWith(fake);
    const { user } = harness;
    const dialog = await openAddConnection(harness, 'WebDAV');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'http://192.168.1.20/dav');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'alice');
    await user.type(field(dialog, 'Password'), 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The server refused these credentials. Check the user name and password or keys.');
    expect(within(dialog).getByRole('button', { name: 'Connect' })).toHaveAccessibleDescription(alert.textContent!);
    expect(within(dialog).getByRole('textbox', { name: 'User name' })).toHaveValue('alice');
    // Plain http on a private network has no certificate to look at.
    expect(fake.callsTo('connections:probe-certificate')).toHaveLength(0);
  });

  it('shows a refused server address next to the Server URL field', async () => {
    const fake = new FakeBridge();
    fake.overrides['connections:probe-certificate'] = () =>
      fail('VALIDATION', 'DocuVault does not connect to link-local addresses such as 169.254.1.1.');
    const harness = await settingsWith(fake);
    const { user } = harness;
    const dialog = await openAddConnection(harness, 'WebDAV');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'https://169.254.1.1/dav');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'alice');
    await user.type(field(dialog, 'Password'), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const url = within(dialog).getByRole('textbox', { name: 'Server URL' });
    await waitFor(() => expect(url).toHaveAccessibleDescription('DocuVault does not connect to link-local addresses such as 169.254.1.1.'));
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(fake.callsTo('connections:connect-webdav')).toHaveLength(0);
  });

  it('asks for consent to weaker password protection first, and sends nothing until the person agrees', async () => {
    const fake = new FakeBridge();
    fake.connections.requireConsent();
    const harness = await settingsWith(fake);
    const { user } = harness;
    const dialog = await openAddConnection(harness, 'WebDAV');
    const consent = await within(dialog).findByRole('group', { name: 'Passwords would have weaker protection here' });
    expect(consent).toHaveAccessibleDescription(WEAK_PROTECTION_MESSAGE);

    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'https://nas.local/dav');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'alice');
    await user.type(field(dialog, 'Password'), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const agree = within(dialog).getByRole('button', { name: 'Store with this protection' });
    expect(agree).toHaveFocus();
    expect(within(consent).getByRole('alert')).toHaveTextContent('Agree to how DocuVault will store passwords (above) before connecting.');
    expect(fake.callsTo('connections:connect-webdav')).toHaveLength(0);
    expect(fake.callsTo('connections:probe-certificate')).toHaveLength(0);

    await user.click(agree);
    await waitFor(() => expect(fake.callsTo('credentials:consent')).toEqual([{ accept: true }]));
    expect(await within(dialog).findByText('Passwords will be stored with this protection.')).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(fake.callsTo('connections:connect-webdav')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

describe('Add connection: a private certificate', () => {
  it('shows the certificate, and connects trusting exactly that fingerprint once the person agrees', async () => {
    const fake = new FakeBridge();
    fake.connections.presentPrivateCertificate('https://nas.local', FINGERPRINT);
    const harness = await settingsWith(fake);
    const { user } = harness;
    const dialog = await openAddConnection(harness, 'WebDAV');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'https://nas.local/dav');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'alice');
    await user.type(field(dialog, 'Password'), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    const step = await within(dialog).findByRole('group', { name: 'Check the certificate of nas.local' });
    expect(step).toHaveTextContent(FINGERPRINT);
    expect(step).toHaveTextContent('Issued to');
    expect(step).toHaveTextContent('CN=nas.local');
    expect(step).toHaveTextContent('for this connection only');
    expect(within(step).getByRole('heading')).toHaveFocus();
    // The form waits, hidden, with what was typed.
    expect(within(dialog).queryByRole('textbox', { name: 'Server URL' })).not.toBeInTheDocument();
    expect(fake.callsTo('connections:connect-webdav')).toHaveLength(0);

    await user.click(within(step).getByRole('button', { name: 'Back' }));
    expect(within(dialog).getByRole('textbox', { name: 'User name' })).toHaveValue('alice');
    expect(within(dialog).getByRole('textbox', { name: 'Server URL' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Trust this certificate' }));

    await waitFor(() =>
      expect(fake.callsTo('connections:connect-webdav')).toEqual([
        { url: 'https://nas.local/dav', username: 'alice', password: 'pw', trustedCertificateSha256: FINGERPRINT },
      ]),
    );
    expect(await findConnectionItem('nas.local')).toBeInTheDocument();
  });

  it('pins the certificate for an S3 endpoint too, with the S3 fields', async () => {
    const fake = new FakeBridge();
    fake.connections.presentPrivateCertificate('https://minio.lan:9000', FINGERPRINT);
    const harness = await settingsWith(fake);
    const { user } = harness;
    const dialog = await openAddConnection(harness, 'S3-compatible storage');
    await user.type(within(dialog).getByRole('textbox', { name: 'Endpoint' }), 'https://minio.lan:9000');
    expect(within(dialog).getByRole('textbox', { name: 'Region' })).toHaveValue('us-east-1');
    await user.type(within(dialog).getByRole('textbox', { name: 'Bucket' }), 'documents');
    await user.type(within(dialog).getByRole('textbox', { name: 'Access key ID' }), 'minio');
    await user.type(field(dialog, 'Secret access key'), 'minio-secret');
    expect(within(dialog).getByRole('checkbox', { name: 'Path-style addressing' })).toBeChecked();
    await user.type(within(dialog).getByRole('textbox', { name: 'Prefix' }), 'docuvault');
    await user.type(within(dialog).getByRole('textbox', { name: 'Quota' }), '20 GB');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Trust this certificate' }));

    await waitFor(() =>
      expect(fake.callsTo('connections:connect-s3')).toEqual([
        {
          endpoint: 'https://minio.lan:9000',
          region: 'us-east-1',
          bucket: 'documents',
          pathStyle: true,
          prefix: 'docuvault',
          accessKeyId: 'minio',
          secretAccessKey: 'minio-secret',
          quotaBytes: 20e9,
          trustedCertificateSha256: FINGERPRINT,
        },
      ]),
    );
    expect(await findConnectionItem('documents')).toHaveTextContent('20 GB');
  });
});

describe('Add connection: Nextcloud', () => {
  async function startBrowserSignIn(fake = new FakeBridge()) {
    const harness = await settingsWith(fake);
    const dialog = await openAddConnection(harness, 'Nextcloud');
    await harness.user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'https://cloud.example.com');
    await harness.user.click(within(dialog).getByRole('button', { name: 'Sign in with browser' }));
    return { ...harness, dialog };
  }

  it('waits for the browser sign-in, showing the page’s address, and cancels it', async () => {
    const { fake, user, dialog } = await startBrowserSignIn();
    await waitFor(() => expect(fake.callsTo('connections:nextcloud-login')).toEqual([{ serverUrl: 'https://cloud.example.com' }]));
    const waiting = await within(dialog).findByRole('group', { name: 'Sign in to Nextcloud in your browser' });
    const attemptId = [...fake.connections.attempts.keys()][0]!;
    expect(within(waiting).getByRole('textbox', { name: 'Sign-in page' })).toHaveValue(`https://cloud.example.com/login/v2/flow/${attemptId}`);

    await user.click(within(waiting).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.callsTo('connections:cancel-login')).toEqual([{ attemptId }]));
    // Back on the form, and the CANCELLED ending main announces is not shown as an error.
    expect(await within(dialog).findByRole('textbox', { name: 'Server URL' })).toHaveValue('https://cloud.example.com');
    // Focus stays in the dialog, on the form the person returned to.
    expect(within(dialog).getByRole('textbox', { name: 'Server URL' })).toHaveFocus();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('closes and says so when the login-finished event arrives', async () => {
    const { fake, dialog } = await startBrowserSignIn();
    await within(dialog).findByRole('group', { name: 'Sign in to Nextcloud in your browser' });
    fake.connections.finishLogin([...fake.connections.attempts.keys()][0]!);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(notices()).toContain('cloud.example.com connected');
    expect(await findConnectionItem('cloud.example.com')).toHaveAccessibleName('cloud.example.com, Nextcloud, Active');
  });

  it('shows a failed sign-in’s message and returns to the form', async () => {
    const { fake, dialog } = await startBrowserSignIn();
    await within(dialog).findByRole('group', { name: 'Sign in to Nextcloud in your browser' });
    fake.connections.finishLogin([...fake.connections.attempts.keys()][0]!, {
      error: { code: 'BACKEND_UNAVAILABLE', message: 'Nextcloud did not hand over an app password.' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Nextcloud did not hand over an app password.');
    expect(await within(dialog).findByRole('textbox', { name: 'Server URL' })).toBeInTheDocument();
  });

  it('connects with an app password', async () => {
    const harness = await settingsWith();
    const { fake, user } = harness;
    const dialog = await openAddConnection(harness, 'Nextcloud');
    await user.type(within(dialog).getByRole('textbox', { name: 'Server URL' }), 'https://cloud.example.com');
    const useAppPassword = within(dialog).getByRole('button', { name: 'Use an app password' });
    expect(useAppPassword).toHaveAttribute('aria-expanded', 'false');
    await user.click(useAppPassword);
    expect(within(dialog).getByRole('textbox', { name: 'Login name' })).toHaveFocus();
    await user.type(within(dialog).getByRole('textbox', { name: 'Login name' }), 'alice');
    await user.type(field(dialog, 'App password'), 'abcde-fghij');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(fake.callsTo('connections:connect-nextcloud')).toEqual([
        { serverUrl: 'https://cloud.example.com', loginName: 'alice', appPassword: 'abcde-fghij' },
      ]),
    );
    expect(fake.callsTo('connections:nextcloud-login')).toHaveLength(0);
  });

  it('says when this build cannot sign in to Nextcloud through the browser, and offers app passwords', async () => {
    const fake = new FakeBridge();
    const sentence = 'Signing in to Nextcloud through the browser is not available in this build. Use an app password.';
    fake.connections.unavailableSignIn.set('nextcloud', sentence);
    const { dialog } = await startBrowserSignIn(fake);
    expect(await within(dialog).findByText(sentence)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Sign in with browser' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(dialog).getByRole('button', { name: 'Sign in with browser' })).toHaveAccessibleDescription(sentence);
    expect(within(dialog).getByRole('textbox', { name: 'Login name' })).toBeVisible();
    // Said once, by the button it concerns.
    expect(within(dialog).getAllByText(sentence)).toHaveLength(1);
  });
});

describe('Add connection: Google Drive and OneDrive', () => {
  it('says on the Google Drive and OneDrive buttons that they are not configured, before anyone clicks', async () => {
    const fake = new FakeBridge();
    const google = 'Google Drive is not configured in this build: set DOCUVAULT_GOOGLE_CLIENT_ID and DOCUVAULT_GOOGLE_CLIENT_SECRET (see README).';
    const microsoft = 'OneDrive is not configured in this build: set DOCUVAULT_MICROSOFT_CLIENT_ID (see README).';
    fake.connections.unavailableSignIn.set('google_drive', google);
    fake.connections.unavailableSignIn.set('onedrive', microsoft);
    const harness = await settingsWith(fake);
    const { user } = harness;
    // Settings asked main which providers this build can connect, before the dialog was opened.
    await waitFor(() => expect(fake.callsTo('connections:providers')).toHaveLength(1));
    await user.click(within(connectionsSection()).getByRole('button', { name: 'Add connection' }));
    const dialog = screen.getByRole('dialog', { name: 'Add connection' });

    for (const [provider, sentence] of [['Google Drive', google], ['OneDrive', microsoft]] as const) {
      const button = within(dialog).getByRole('button', { name: provider });
      expect(button).toHaveAttribute('aria-disabled', 'true');
      expect(button).toHaveAccessibleDescription(sentence);
      expect(within(dialog).getByText(sentence)).toBeVisible();
    }
    // Nothing is announced until someone clicks; nothing was asked of the sign-in.
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(fake.callsTo('connections:connect-oauth')).toHaveLength(0);
    // The other providers read as usual.
    for (const provider of ['S3-compatible storage', 'WebDAV', 'Nextcloud']) {
      expect(within(dialog).getByRole('button', { name: provider })).not.toHaveAttribute('aria-disabled');
    }

    // Clicking says why again, out loud, and still sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Google Drive' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(google);
    expect(fake.callsTo('connections:connect-oauth')).toHaveLength(0);
    expect(dialog).toHaveAccessibleName('Add connection');
  });

  it('learns that a provider is not configured from its sign-in answer when main cannot say up front', async () => {
    const fake = new FakeBridge();
    const sentence = 'Google Drive is not configured in this build: no client id was provided.';
    fake.connections.unavailableSignIn.set('google_drive', sentence);
    // An older main without the channel.
    fake.overrides['connections:providers'] = () => fail('UNSUPPORTED', 'connections:providers is not available.');
    const harness = await settingsWith(fake);
    const { user } = harness;
    await waitFor(() => expect(fake.callsTo('connections:providers')).toHaveLength(1));
    const dialog = await openAddConnection(harness, 'Google Drive');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(sentence);
    const button = within(dialog).getByRole('button', { name: 'Google Drive' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(sentence);
    await user.click(button);
    expect(fake.callsTo('connections:connect-oauth')).toHaveLength(1);
    // OneDrive is unaffected.
    expect(within(dialog).getByRole('button', { name: 'OneDrive' })).not.toHaveAttribute('aria-disabled');
    // The failed question was asked again when the dialog opened, and may succeed another time.
    expect(fake.callsTo('connections:providers')).toHaveLength(2);
  });

  it('waits for the browser, then says “OneDrive connected” and lists it', async () => {
    const harness = await settingsWith();
    const { fake } = harness;
    const dialog = await openAddConnection(harness, 'OneDrive');
    await waitFor(() => expect(fake.callsTo('connections:connect-oauth')).toEqual([{ provider: 'onedrive' }]));
    expect(await within(dialog).findByRole('group', { name: 'Sign in to OneDrive in your browser' })).toBeInTheDocument();
    fake.connections.finishLogin([...fake.connections.attempts.keys()][0]!);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(notices()).toContain('OneDrive connected');
    expect(await findConnectionItem('OneDrive')).toHaveAccessibleName('OneDrive, OneDrive, Active');
  });

  it('brings the person to Settings → Connections when a sign-in finishes while the Library is shown', async () => {
    const harness = await settingsWith();
    const { fake, user } = harness;
    await openAddConnection(harness, 'Google Drive');
    await waitFor(() => expect(fake.connections.attempts.size).toBe(1));
    // The person closes the dialog and goes back to their documents while the browser is open.
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Back to library' }));
    await screen.findByRole('grid', { name: 'Documents' });
    // The sign-in still finishes in the browser (here: an attempt started again from the Library's side of main).
    const attempt = await fake.invoke('connections:connect-oauth', { provider: 'google_drive' });
    fake.connections.finishLogin(attempt.ok ? attempt.value.attemptId : '');

    expect(await screen.findByRole('region', { name: 'Connections' })).toBeInTheDocument();
    expect(notices()).toContain('Google Drive connected');
    expect(await findConnectionItem('Google Drive')).toBeInTheDocument();
  });

  it('shows the message of a refused sign-in callback, which matched no attempt', async () => {
    const { fake } = await renderApp();
    fake.emit('connections:login-finished', {
      attemptId: null,
      connection: null,
      error: { code: 'VALIDATION', message: 'DocuVault refused a sign-in it did not start. Nothing was connected.' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('DocuVault refused a sign-in it did not start. Nothing was connected.');
    expect(screen.queryByRole('region', { name: 'Connections' })).not.toBeInTheDocument();
  });
});
