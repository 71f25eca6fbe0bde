import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDto, DocumentDto, DocumentPage } from '../../src-shared/domain';
import { S3RVER_CREDENTIALS, startS3Server, type S3TestServer } from '../servers/s3-server';
import { startWebDavServer, type WebDavTestServer } from '../servers/webdav-server';
import {
  acceptWeakerProtection,
  alertWith,
  backToLibrary,
  chooseProvider,
  closeViewer,
  collectPageErrors,
  connectionItem,
  connectionItemsLabelled,
  connectionsSection,
  createFolder,
  eventually,
  expectTextPreview,
  fill,
  folderButton,
  folderIdOf,
  invokeInPage,
  locationChoices,
  notice,
  openAddConnection,
  openSettings,
  viewer,
  waitForLibrary,
} from '../support/e2e/app-ui';
import { withEnvironment } from '../support/e2e/environment';
import { s3rverObjects } from '../support/e2e/s3rver-files';
import { launchChromium, openPreview } from '../support/preview/chromium';
import { artifactPath, documentRow, documentRows, dropFiles, startAppPreview, type FixtureFile } from '../support/preview/e2e-app';
import type { TestPreview } from '../support/preview/test-preview';

const NAS = 'Home NAS';
const BUCKET = 'Archive bucket';
const DAV_FOLDER = 'Scans';
const S3_FOLDER = 'Contracts';
const S3_PREFIX = 'e2e-vault';
const DAV_NOTE: FixtureFile = { name: 'boiler-service.txt', type: 'text/plain', bytes: Buffer.from('Boiler serviced on 3 March.\nNext visit in a year.\n') };
const S3_NOTE: FixtureFile = { name: 'lease-summary.txt', type: 'text/plain', bytes: Buffer.from('Lease runs until 2031; notice period three months.\n') };

/**
 * Issue 4 end to end: the real renderer in Debian's Chromium, through the preview,
 * connecting a real WebDAV server (webdav-server) and an S3 bucket (s3rver) on loopback.
 */
describe('Cloud connections in the browser preview (WebDAV and S3)', () => {
  let browser: Browser;
  let dav: WebDavTestServer;
  let s3: S3TestServer;
  let preview: TestPreview;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    [browser, dav, s3] = await Promise.all([launchChromium(), startWebDavServer(), startS3Server()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), dav?.close(), s3?.close()]);
  });
  beforeEach(async () => {
    // This build has no Google sign-in client here, whatever the shell running the tests has set (blank means unset).
    preview = await withEnvironment({ DOCUVAULT_GOOGLE_CLIENT_ID: '', DOCUVAULT_GOOGLE_CLIENT_SECRET: '' }, startAppPreview);
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

  async function connectWebDav(): Promise<void> {
    const dialog = await openAddConnection(page);
    // The preview has no keychain: nothing can be connected before the person agrees to the weaker protection.
    await acceptWeakerProtection(dialog);
    await chooseProvider(dialog, 'WebDAV');
    const form = dialog.getByRole('form', { name: 'WebDAV connection' });
    await fill(form, { 'Server URL': dav.url, 'User name': dav.username, Name: NAS });
    await form.getByLabel('Password', { exact: true }).fill(dav.password);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await notice(page, `${NAS} connected`).waitFor();
    await dialog.waitFor({ state: 'detached' });
  }

  async function connectS3(): Promise<void> {
    const dialog = await openAddConnection(page);
    // Agreed once for this vault: the second connection is not asked again.
    await expect.poll(() => dialog.getByText('Passwords would have weaker protection here').count()).toBe(0);
    await chooseProvider(dialog, 'S3-compatible storage');
    const form = dialog.getByRole('form', { name: 'S3-compatible storage connection' });
    await fill(form, {
      Endpoint: s3.url,
      Region: 'us-east-1',
      Bucket: s3.bucket,
      'Access key ID': S3RVER_CREDENTIALS.accessKeyId,
      Prefix: S3_PREFIX,
      Name: BUCKET,
    });
    await form.getByLabel('Secret access key', { exact: true }).fill(S3RVER_CREDENTIALS.secretAccessKey);
    // s3rver reads requests path-style (an IP host): the default, kept on.
    expect(await form.getByRole('checkbox', { name: 'Path-style addressing', exact: true }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await notice(page, `${BUCKET} connected`).waitFor();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Creates a folder on `location`, drops `file` into it, and returns the stored document. */
  async function folderWithDroppedFile(folder: string, location: string, file: FixtureFile): Promise<DocumentDto> {
    await createFolder(page, folder, location);
    // The new, empty folder is the one shown, so the drop lands in it.
    await page.getByText(`add them to “${folder}”`).waitFor();
    await dropFiles(page, [file]);
    await eventually(() => documentRows(page).count()).toBe(1);
    const folderId = await folderIdOf(page, folder);
    const listed = await invokeInPage<DocumentPage>(page, 'documents:list', { folderId, sortBy: 'name', sortDir: 'asc', offset: 0, limit: 10 });
    expect(listed.items.map((d) => [d.name, d.size, d.status])).toEqual([[file.name, file.bytes.length, 'ready']]);
    const document = listed.items[0]!;
    await eventually(() => documentRow(page, document.id).getByRole('gridcell').nth(0).innerText()).toContain(file.name);
    await expectTextPreview(page, documentRow(page, document.id), file.name, file.bytes.toString('utf8'));
    await closeViewer(page, file.name);
    return document;
  }

  it('connects a WebDAV server and an S3 bucket, stores a dropped file on each, shows it, and disconnects both ways', async () => {
    const section = await openSettings(page);
    await section.getByText('No connections yet.', { exact: false }).waitFor();
    await connectWebDav();
    await connectS3();
    await connectionItem(page, NAS, 'WebDAV', 'Active').waitFor();
    await connectionItem(page, BUCKET, 'S3-compatible storage', 'Active').waitFor();
    await page.screenshot({ path: await artifactPath('settings-connections.png') });
    const stored = await connections();
    expect(stored.map((c) => [c.label, c.provider, c.status]).sort()).toEqual([
      [BUCKET, 's3', 'ACTIVE'],
      [NAS, 'webdav', 'ACTIVE'],
    ]);
    // Nothing secret reaches the window: no password, no secret key field (s3rver's secret equals its key id, which is shown).
    const listedInPage = JSON.stringify(await invokeInPage(page, 'connections:list', {}));
    expect(listedInPage).not.toContain(dav.password);
    expect(listedInPage).not.toMatch(/"(password|secretAccessKey|secret)"/i);

    await backToLibrary(page);
    const nas = stored.find((c) => c.label === NAS)!;
    const bucket = stored.find((c) => c.label === BUCKET)!;
    // New folder → Location: this computer, then each active connection by its label.
    const [first, ...onConnections] = await locationChoices(page);
    expect(first).toEqual(['local', 'This computer']);
    expect(onConnections.sort()).toEqual([[nas.id, NAS], [bucket.id, BUCKET]].sort());

    // WebDAV: the bytes sit under DocuVault/<folder>/<name>, readable with any WebDAV client.
    const davDocument = await folderWithDroppedFile(DAV_FOLDER, NAS, DAV_NOTE);
    expect(davDocument).toMatchObject({ backend: 'webdav', connectionId: nas.id });
    expect(await dav.files()).toEqual(expect.arrayContaining(['DocuVault/', `DocuVault/${DAV_FOLDER}/`, `DocuVault/${DAV_FOLDER}/${DAV_NOTE.name}`]));

    // S3: the object key is <prefix>/<document id>/<name>, and s3rver holds exactly the dropped bytes.
    const s3Document = await folderWithDroppedFile(S3_FOLDER, BUCKET, S3_NOTE);
    expect(s3Document).toMatchObject({ backend: 's3', connectionId: bucket.id });
    const objects = await s3rverObjects(s3.directory, s3.bucket);
    const key = `${S3_PREFIX}/${s3Document.id}/${S3_NOTE.name}`;
    expect([...objects.keys()]).toContain(key);
    expect(objects.get(key)).toEqual(S3_NOTE.bytes);

    // Disconnect the WebDAV server, keeping its documents listed as unavailable.
    await openSettings(page);
    await connectionItem(page, NAS, 'WebDAV', 'Active').getByRole('button', { name: 'Disconnect', exact: true }).click();
    let confirm = page.getByRole('alertdialog', { name: `Disconnect ${NAS}?`, exact: true });
    const keep = confirm.getByRole('radio', { name: 'Keep them listed as unavailable', exact: true });
    expect(await keep.isChecked()).toBe(true);
    await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await connectionItem(page, NAS, 'WebDAV', 'Disconnected').waitFor();

    // Disconnect the bucket, removing its documents from DocuVault only.
    await connectionItem(page, BUCKET, 'S3-compatible storage', 'Active').getByRole('button', { name: 'Disconnect', exact: true }).click();
    confirm = page.getByRole('alertdialog', { name: `Disconnect ${BUCKET}?`, exact: true });
    await confirm.getByRole('radio', { name: 'Remove them from DocuVault only', exact: true }).check();
    await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await eventually(() => connectionItemsLabelled(page, BUCKET).count()).toBe(0);
    await page.screenshot({ path: await artifactPath('settings-connections-disconnected.png') });
    expect((await connections()).map((c) => [c.label, c.status])).toEqual([[NAS, 'DISCONNECTED']]);

    await backToLibrary(page);
    // The bucket's folder and document are gone from DocuVault; the object stays in the bucket, untouched.
    await eventually(() => folderButton(page, S3_FOLDER).count()).toBe(0);
    expect((await s3rverObjects(s3.directory, s3.bucket)).get(key)).toEqual(S3_NOTE.bytes);
    await expect(preview.invoke('documents:get', { id: s3Document.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The WebDAV folder stays, marked disconnected; its document is listed, dimmed, and cannot be opened.
    const davFolder = folderButton(page, DAV_FOLDER);
    await eventually(() => davFolder.getAttribute('aria-label')).toBe(`${DAV_FOLDER}, 1 document, disconnected`);
    await davFolder.click();
    const row = documentRow(page, davDocument.id);
    await eventually(() => row.getAttribute('data-available')).toBe('false');
    expect(await row.getByText('Unavailable', { exact: true }).count()).toBe(1);
    await row.dblclick();
    const unavailable = viewer(page, DAV_NOTE.name);
    await unavailable.getByText('Reconnect to open', { exact: true }).waitFor();
    expect(await unavailable.getByTestId('text-preview').count()).toBe(0);
    await closeViewer(page, DAV_NOTE.name);
    // Its bytes stay on the server.
    expect(await dav.files()).toContain(`DocuVault/${DAV_FOLDER}/${DAV_NOTE.name}`);
    expect(pageErrors).toEqual([]);
  });

  it('refuses a forbidden server address with the reason next to the form, and creates nothing', async () => {
    await openSettings(page);
    const dialog = await openAddConnection(page);
    // Providers without a sign-in client in this build say so on their buttons before anyone clicks.
    const google = dialog.getByRole('button', { name: 'Google Drive', exact: true });
    await eventually(() => google.getAttribute('aria-disabled')).toBe('true');
    expect(await google.evaluate((button) => document.getElementById(button.getAttribute('aria-describedby')!)?.textContent)).toMatch(
      /Google Drive is not configured in this build: set DOCUVAULT_GOOGLE_CLIENT_ID/,
    );
    await eventually(() => dialog.getByRole('button', { name: 'OneDrive', exact: true }).getAttribute('aria-disabled')).toBe('true');
    expect(await dialog.getByRole('button', { name: 'WebDAV', exact: true }).getAttribute('aria-disabled')).toBeNull();
    await acceptWeakerProtection(dialog);
    await chooseProvider(dialog, 'WebDAV');
    const form = dialog.getByRole('form', { name: 'WebDAV connection' });
    const url = form.getByRole('textbox', { name: 'Server URL', exact: true });
    await fill(form, { 'Server URL': 'http://169.254.169.254/', 'User name': 'metadata' });
    await form.getByLabel('Password', { exact: true }).fill('not-sent-anywhere');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    // The cloud metadata address: refused before any traffic, with main's sentence in the dialog.
    const refusal = alertWith(form, 'DocuVault does not connect to link-local addresses such as 169.254.169.254.');
    await refusal.waitFor();

    // The same address over https is refused at the certificate check, next to the address field itself.
    await url.fill('https://169.254.169.254/latest/meta-data/');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await eventually(() => url.getAttribute('aria-invalid')).toBe('true');
    await eventually(async () => {
      const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
      return page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
    }).toContain('link-local');
    // Still the form: nothing connected, no notice.
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.locator('[role="status"]').filter({ hasText: /connected/ }).count()).toBe(0);

    await form.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await connectionsSection(page).getByText('No connections yet.', { exact: false }).waitFor();
    expect(await connections()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
