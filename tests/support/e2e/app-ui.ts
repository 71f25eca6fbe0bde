import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * Steps people take in the real renderer, by the names the UI contract gives
 * them (accessible names, exact where a substring would also match another
 * control), shared by the end-to-end suites.
 */

/** vitest's expect.poll gives up after 1 s by default: too short for a UI on a busy two-core machine. */
export const eventually = <T>(read: () => Promise<T> | T, timeout = 15_000) => expect.poll(read, { timeout, interval: 50 });

/** Uncaught errors in the page, collected so a test can say there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Folders' });
}

/** The sidebar button of a folder, whatever its count and status ("Scans, 1 document[, needs reconnect]"). */
export function folderButton(page: Page, name: string): Locator {
  return sidebar(page).locator('button.folder-button').filter({ has: page.locator('.folder-button__name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
}

export async function folderIdOf(page: Page, name: string): Promise<string> {
  const id = await folderButton(page, name).getAttribute('data-folder-id');
  if (!id) throw new Error(`The folder ${name} has no id in the sidebar`);
  return id;
}

/** The name of the folder the Library shows now. */
export function currentFolder(page: Page): Locator {
  return sidebar(page).locator('[aria-current="true"]');
}

/** Waits for the Library to show its folders and the built-in vault's (empty) list. */
export async function waitForLibrary(page: Page): Promise<void> {
  await eventually(() => currentFolder(page).count()).toBe(1);
  await eventually(() => currentFolder(page).innerText()).toContain('My Vault');
}

export async function openSettings(page: Page): Promise<Locator> {
  await sidebar(page).getByRole('button', { name: 'Settings', exact: true }).click();
  const section = connectionsSection(page);
  await section.waitFor();
  return section;
}

export async function backToLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back to library', exact: true }).click();
  await page.getByRole('grid', { name: 'Documents' }).waitFor();
}

export function connectionsSection(page: Page): Locator {
  return page.locator('section[aria-label="Connections"]');
}

/** A connection in Settings → Connections, by its full accessible name ("<label>, <provider>, <status>"). */
export function connectionItem(page: Page, label: string, provider: string, status: string): Locator {
  return connectionsSection(page).getByRole('listitem', { name: `${label}, ${provider}, ${status}`, exact: true });
}

/** Any connection item whose label is `label`, whatever its status. */
export function connectionItemsLabelled(page: Page, label: string): Locator {
  return connectionsSection(page).getByRole('listitem', { name: new RegExp(`^${escapeRegExp(label)}, `) });
}

/**
 * Opens "Add connection". The dialog is returned by role alone: its title follows
 * its step ("Connect WebDAV", "Waiting for sign-in").
 */
export async function openAddConnection(page: Page): Promise<Locator> {
  await connectionsSection(page).getByRole('button', { name: 'Add connection', exact: true }).click();
  await page.getByRole('dialog', { name: 'Add connection', exact: true }).waitFor();
  return page.getByRole('dialog');
}

/** The consent step the preview shows (it has no OS keychain): agree, and see it said. */
export async function acceptWeakerProtection(dialog: Locator): Promise<void> {
  const consent = dialog.getByRole('group', { name: 'Passwords would have weaker protection here', exact: true });
  await consent.waitFor();
  await consent.getByRole('button', { name: 'Store with this protection', exact: true }).click();
  await consent.waitFor({ state: 'detached' });
  await dialog.getByText('Passwords will be stored with this protection.').waitFor();
}

export async function chooseProvider(dialog: Locator, provider: string): Promise<void> {
  await dialog.getByRole('button', { name: provider, exact: true }).click();
}

export async function fill(scope: Locator, fields: Readonly<Record<string, string>>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    await scope.getByRole('textbox', { name: label, exact: true }).fill(value);
  }
}

/** A quiet notice (role=status toast) with exactly this text. */
export function notice(page: Page, text: string): Locator {
  return page.locator('[role="status"]').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) });
}

/** An error toast or inline alert containing this text. */
export function alertWith(scope: Page | Locator, text: string | RegExp): Locator {
  return scope.getByRole('alert').filter({ hasText: text });
}

/** Library → New folder, named and placed at `location` (an option label of the Location list); the new folder is shown. */
export async function createFolder(page: Page, name: string, location: string): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'New folder', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder', exact: true });
  await dialog.getByRole('textbox', { name: 'Folder name', exact: true }).fill(name);
  await dialog.getByRole('combobox', { name: 'Location', exact: true }).selectOption({ label: location });
  await dialog.getByRole('button', { name: 'Create folder', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(() => currentFolder(page).innerText()).toContain(name);
}

/** The Location choices the New folder dialog offers now, as [value, label]. */
export async function locationChoices(page: Page): Promise<Array<[string, string]>> {
  await sidebar(page).getByRole('button', { name: 'New folder', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder', exact: true });
  const choices = await dialog
    .getByRole('combobox', { name: 'Location', exact: true })
    .locator('option')
    .evaluateAll((options) => options.map((o) => [(o as HTMLOptionElement).value, (o.textContent ?? '').trim()] as [string, string]));
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  return choices;
}

export function viewer(page: Page, name: string): Locator {
  return page.getByRole('dialog', { name: `Viewer: ${name}`, exact: true });
}

/** Closes the viewer that shows `name`. */
export async function closeViewer(page: Page, name: string): Promise<void> {
  const dialog = viewer(page, name);
  await dialog.getByRole('button', { name: 'Close viewer', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Opens the document row and waits for its text preview to show `text`. */
export async function expectTextPreview(page: Page, row: Locator, name: string, text: string): Promise<void> {
  await row.dblclick();
  const dialog = viewer(page, name);
  await dialog.waitFor();
  await eventually(() => dialog.getByTestId('text-preview').innerText()).toBe(text);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Calls a channel through the page's own bridge (window.docuvault), as the renderer
 * does, and unwraps the value; an error envelope fails the test with its message.
 */
export async function invokeInPage<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ channel, input }) => {
      const bridge = (window as unknown as { docuvault: { invoke(c: string, i: unknown): Promise<unknown> } }).docuvault;
      return bridge.invoke(channel, input);
    },
    { channel, input },
  );
  const envelope = result as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${channel} failed in the page: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}
