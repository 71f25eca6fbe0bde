import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDto, DocumentPage, ProviderAvailabilityDto } from '../../src-shared/domain';
import { FAKE_GOOGLE_ACCOUNT, FAKE_GOOGLE_CLIENT, startGoogleFake, type GoogleFake } from '../servers/google-fake/google-fake';
import {
  acceptWeakerProtection,
  alertWith,
  backToLibrary,
  chooseProvider,
  closeViewer,
  collectPageErrors,
  connectionItem,
  connectionsSection,
  createFolder,
  eventually,
  expectTextPreview,
  folderButton,
  folderIdOf,
  invokeInPage,
  notice,
  openAddConnection,
  openSettings,
  sidebar,
  viewer,
  waitForLibrary,
} from '../support/e2e/app-ui';
import { withEnvironment } from '../support/e2e/environment';
import { launchChromium, openPreview } from '../support/preview/chromium';
import { artifactPath, documentRow, documentRows, dropFiles, startAppPreview, type FixtureFile } from '../support/preview/e2e-app';
import type { TestPreview } from '../support/preview/test-preview';

const DRIVE = 'Google Drive';
const FOLDER = 'Drive receipts';
const NOTE: FixtureFile = { name: 'bike-repair.txt', type: 'text/plain', bytes: Buffer.from('New chain and brake pads, 64 EUR.\n') };

/**
 * Issue 5 end to end: Google Drive through the preview, against the Google fake
 * (OAuth with PKCE and a loopback redirect, Drive v3). The test plays the person
 * in their browser: it opens the sign-in page the window shows in a new tab, and
 * the fake's consent screen redirects to the app's loopback receiver.
 */
describe('Google Drive in the browser preview', () => {
  let browser: Browser;
  let google: GoogleFake;
  let preview: TestPreview;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    [browser, google] = await Promise.all([launchChromium(), startGoogleFake()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), google?.close()]);
  });
  beforeEach(async () => {
    // The core reads the sign-in client and Google's address when it starts.
    preview = await withEnvironment(
      {
        DOCUVAULT_GOOGLE_CLIENT_ID: FAKE_GOOGLE_CLIENT.clientId,
        DOCUVAULT_GOOGLE_CLIENT_SECRET: FAKE_GOOGLE_CLIENT.clientSecret,
        DOCUVAULT_GOOGLE_BASE_URL: google.url,
      },
      startAppPreview,
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await openPreview(context, preview.server.url);
    pageErrors = collectPageErrors(page);
    await waitForLibrary(page);
  });
  afterEach(async () => {
    await context?.close();
    await preview?.close();
  });

  const connections = () => preview.value<ConnectionDto[]>('connections:list', {});

  /** The waiting step of a browser sign-in: its heading, and the sign-in page's address it shows. */
  async function signInPageShownIn(dialog: Locator, heading: string): Promise<URL> {
    const waiting = dialog.getByRole('group', { name: heading, exact: true });
    await waiting.waitFor();
    const address = new URL(await waiting.getByRole('textbox', { name: 'Sign-in page', exact: true }).inputValue());
    expect(address.origin).toBe(google.url);
    expect(address.searchParams.get('client_id')).toBe(FAKE_GOOGLE_CLIENT.clientId);
    expect(address.searchParams.get('code_challenge_method')).toBe('S256');
    expect(address.searchParams.get('state')).toMatch(/.{16,}/);
    expect(address.searchParams.get('scope')).toContain('drive.file');
    expect(new URL(address.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1');
    return address;
  }

  /** The person opens the address in their browser and clicks "Allow": the fake redirects to the loopback receiver. */
  async function signInInBrowser(address: URL): Promise<void> {
    const tab = await context.newPage();
    try {
      const response = await tab.goto(address.toString());
      expect(new URL(tab.url()).origin).toBe(new URL(address.searchParams.get('redirect_uri')!).origin);
      expect(response?.status()).toBe(200);
      expect(await tab.locator('h1').innerText()).toBe('Sign-in received');
    } finally {
      await tab.close();
    }
  }

  async function connectDrive(): Promise<ConnectionDto> {
    await openSettings(page);
    const dialog = await openAddConnection(page);
    await acceptWeakerProtection(dialog);
    // Configured in this run (from the environment the preview started with): main offers it.
    const providers = await invokeInPage<ProviderAvailabilityDto[]>(page, 'connections:providers', {});
    expect(providers.find((p) => p.provider === 'google_drive')).toEqual({ provider: 'google_drive', available: true, reason: null });
    await chooseProvider(dialog, DRIVE);
    await signInInBrowser(await signInPageShownIn(dialog, `Sign in to ${DRIVE} in your browser`));
    await notice(page, 'Google Drive connected').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await connectionItem(page, DRIVE, DRIVE, 'Active').waitFor();
    const [connection, ...others] = await connections();
    expect(others).toEqual([]);
    expect(connection).toMatchObject({ provider: 'google_drive', status: 'ACTIVE', account: FAKE_GOOGLE_ACCOUNT.email });
    return connection!;
  }

  it('connects Drive by signing in, stores and shows a dropped file, asks to reconnect after revocation, and reconnects', async () => {
    const connection = await connectDrive();
    await page.screenshot({ path: await artifactPath('settings-google-drive.png') });

    await backToLibrary(page);
    await createFolder(page, FOLDER, DRIVE);
    await page.getByText(`add them to “${FOLDER}”`).waitFor();
    await dropFiles(page, [NOTE]);
    await eventually(() => documentRows(page).count()).toBe(1);
    const folderId = await folderIdOf(page, FOLDER);
    const listed = await invokeInPage<DocumentPage>(page, 'documents:list', { folderId, sortBy: 'name', sortDir: 'asc', offset: 0, limit: 10 });
    const document = listed.items[0]!;
    expect(listed.items).toHaveLength(1);
    expect(document).toMatchObject({ name: NOTE.name, backend: 'google_drive', connectionId: connection.id, size: NOTE.bytes.length });
    // On Drive, in a visible DocuVault/<folder> folder, under its own name, with the dropped bytes.
    const [stored, ...duplicates] = google.drive.findByPath(['DocuVault', FOLDER, NOTE.name]);
    expect(duplicates).toEqual([]);
    expect(stored?.content).not.toBeNull();
    expect(await readFile(stored!.content!.path)).toEqual(NOTE.bytes);

    const row = documentRow(page, document.id);
    await expectTextPreview(page, row, NOTE.name, NOTE.bytes.toString('utf8'));
    await closeViewer(page, NOTE.name);

    // The person revokes DocuVault's access in their Google account; the access token runs out too.
    google.revokeRefreshTokens();
    google.expireAllAccessTokens();
    await row.dblclick();
    const failing = viewer(page, NOTE.name);
    await failing.getByText('This document could not be loaded.', { exact: false }).waitFor();
    expect(await failing.getByTestId('text-preview').count()).toBe(0);
    await closeViewer(page, NOTE.name);

    // The window learns the connection needs reconnecting: the folder says so, the row is dimmed.
    await eventually(() => folderButton(page, FOLDER).getAttribute('aria-label')).toBe(`${FOLDER}, 1 document, needs reconnect`);
    await sidebar(page).getByRole('button', { name: `Reconnect ${DRIVE}`, exact: true }).waitFor();
    await eventually(() => row.getAttribute('data-available')).toBe('false');
    expect(await row.getByText('Unavailable', { exact: true }).count()).toBe(1);
    expect((await connections())[0]).toMatchObject({ id: connection.id, status: 'REQUIRES_REAUTH' });
    await page.screenshot({ path: await artifactPath('google-drive-needs-reconnect.png') });

    // Opening it again says why it cannot open, and offers the way out.
    const tokenCallsBefore = google.log.of('token').length;
    await row.dblclick();
    const unavailable = viewer(page, NOTE.name);
    await unavailable.getByText('Reconnect to open', { exact: true }).waitFor();
    // Nothing is sent on a connection that needs reconnecting.
    expect(google.log.of('token').length).toBe(tokenCallsBefore);
    await unavailable.getByRole('button', { name: `Reconnect ${DRIVE}`, exact: true }).click();

    // Reconnect: Settings → the browser sign-in again, for the same connection.
    const again = page.getByRole('dialog');
    await signInInBrowser(await signInPageShownIn(again, `Sign in to ${DRIVE} again in your browser`));
    await notice(page, 'Google Drive connected').waitFor();
    await connectionItem(page, DRIVE, DRIVE, 'Active').waitFor();
    const after = await connections();
    expect(after.map((c) => [c.id, c.status])).toEqual([[connection.id, 'ACTIVE']]);

    // Its folder and document were kept, and open again.
    await backToLibrary(page);
    await folderButton(page, FOLDER).click();
    await eventually(() => folderButton(page, FOLDER).getAttribute('aria-label')).toBe(`${FOLDER}, 1 document`);
    await eventually(() => row.getAttribute('data-available')).not.toBe('false');
    await expectTextPreview(page, row, NOTE.name, NOTE.bytes.toString('utf8'));
    await closeViewer(page, NOTE.name);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a sign-in callback with a forged state, says so, and connects nothing', async () => {
    await openSettings(page);
    const dialog = await openAddConnection(page);
    await acceptWeakerProtection(dialog);
    await chooseProvider(dialog, DRIVE);
    const address = await signInPageShownIn(dialog, `Sign in to ${DRIVE} in your browser`);
    const tokenCallsBefore = google.log.of('token').length;

    // Someone else's page sends the browser to the app's loopback receiver with a state DocuVault never issued.
    const forged = new URL(address.searchParams.get('redirect_uri')!);
    forged.searchParams.set('code', 'x');
    forged.searchParams.set('state', 'forged');
    const tab = await context.newPage();
    await tab.goto(forged.toString());
    await tab.close();

    await alertWith(page, 'That sign-in response did not come from a sign-in DocuVault started, so it was ignored.').waitFor();
    // The forged code was never traded for tokens, and nothing was connected.
    expect(google.log.of('token').length).toBe(tokenCallsBefore);
    expect(await notice(page, 'Google Drive connected').count()).toBe(0);
    expect(await connections()).toEqual([]);

    // The genuine sign-in is still awaited; cancelling it steps back to the choice of provider, then closes.
    const waiting = dialog.getByRole('group', { name: `Sign in to ${DRIVE} in your browser`, exact: true });
    await waiting.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('dialog', { name: 'Add connection', exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await connectionsSection(page).getByText('No connections yet.', { exact: false }).waitFor();
    expect(await connections()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
