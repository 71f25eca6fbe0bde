import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeBridge } from './support/fake-bridge';
import { SHARE_UNSUPPORTED } from './support/fake-connections';
import { documentRows, folderButton, renderApp } from './support/render-app';
import { notices } from './support/settings';

afterEach(() => {
  vi.restoreAllMocks();
});

async function openMenuFor(name: string): Promise<HTMLElement> {
  await waitFor(() => expect(documentRows().length).toBeGreaterThan(0));
  const row = documentRows().find((r) => r.textContent?.includes(name));
  if (!row) throw new Error(`No row for ${name}`);
  fireEvent.contextMenu(row, { clientX: 20, clientY: 20 });
  return screen.getByRole('menu', { name: `Actions for ${name}` });
}

/** A bucket folder holding one document, shown in the window. */
async function bucketDocument() {
  const fake = new FakeBridge();
  const bucket = fake.connections.add({ provider: 's3', label: 'Backups' });
  const folder = fake.addFolder('Shared', null, bucket.id);
  const document = fake.addDocument({ name: 'report.pdf', folderId: folder.id, backend: 's3', connectionId: bucket.id });
  const harness = await renderApp(fake);
  await harness.user.click(folderButton('Shared'));
  return { ...harness, document };
}

describe('Copy share link…', () => {
  it('creates a link for the chosen expiry and copies it', async () => {
    const { fake, user, document } = await bucketDocument();
    await user.click(within(await openMenuFor('report.pdf')).getByRole('menuitem', { name: 'Copy share link…' }));
    const dialog = screen.getByRole('dialog', { name: 'Share “report.pdf”' });
    expect(within(dialog).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(['1 hour', '1 day', '7 days']);
    expect(within(dialog).getByRole('radio', { name: '1 day' })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: '7 days' }));
    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));

    await waitFor(() => expect(fake.callsTo('documents:share-link')).toEqual([{ id: document.id, expiresInSeconds: 604_800 }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await navigator.clipboard.readText()).toMatch(new RegExp(`^https://s3\\.example\\.com/bucket/${document.id}\\?X-Amz-Expires=604800`));
    expect(notices().some((n) => n.startsWith('Link copied. It works until'))).toBe(true);
  });

  it('shows the link selected in a field when the clipboard is refused', async () => {
    const { user, document } = await bucketDocument();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
    await user.click(within(await openMenuFor('report.pdf')).getByRole('menuitem', { name: 'Copy share link…' }));
    const dialog = screen.getByRole('dialog', { name: 'Share “report.pdf”' });
    await user.click(within(dialog).getByRole('radio', { name: '1 hour' }));
    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));

    const link = await within(dialog).findByRole('textbox', { name: 'Share link' });
    expect((link as HTMLInputElement).value).toContain(`/bucket/${document.id}?X-Amz-Expires=3600`);
    expect(link).toHaveFocus();
    expect((link as HTMLInputElement).selectionStart).toBe(0);
    expect((link as HTMLInputElement).selectionEnd).toBe((link as HTMLInputElement).value.length);
    expect(link).toHaveAttribute('readonly');
  });

  it('is not offered for documents on this computer', async () => {
    const fake = new FakeBridge();
    fake.addDocument({ name: 'local.pdf' });
    await renderApp(fake);
    const menu = await openMenuFor('local.pdf');
    expect(within(menu).getByRole('menuitem', { name: 'Save a copy…' })).toBeInTheDocument();
    expect(within(menu).queryByRole('menuitem', { name: 'Copy share link…' })).not.toBeInTheDocument();
  });

  it('says when a backend has no share links, and stops offering them there', async () => {
    const fake = new FakeBridge();
    const nas = fake.connections.add({ provider: 'webdav', label: 'Home NAS' });
    const folder = fake.addFolder('Scans', null, nas.id);
    fake.addDocument({ name: 'scan.pdf', folderId: folder.id, backend: 'webdav', connectionId: nas.id });
    fake.addDocument({ name: 'scan2.pdf', folderId: folder.id, backend: 'webdav', connectionId: nas.id });
    const { user } = await renderApp(fake);
    await user.click(folderButton('Scans'));
    await user.click(within(await openMenuFor('scan.pdf')).getByRole('menuitem', { name: 'Copy share link…' }));
    const dialog = screen.getByRole('dialog', { name: 'Share “scan.pdf”' });
    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(SHARE_UNSUPPORTED);
    expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    const menu = await openMenuFor('scan2.pdf');
    expect(within(menu).queryByRole('menuitem', { name: 'Copy share link…' })).not.toBeInTheDocument();
  });
});

describe('files offered by the operating system', () => {
  it('asks whether to upload them into the current folder, and uploads them there when the person agrees', async () => {
    const fake = new FakeBridge();
    const invoices = fake.addFolder('Invoices');
    const { user } = await renderApp(fake);
    await user.click(folderButton('Invoices'));
    let offerId = '';
    act(() => {
      offerId = fake.offerFiles(['march.pdf', 'april.pdf', 'may.pdf']);
    });

    const prompt = await screen.findByRole('alertdialog', { name: 'Upload 3 files into “Invoices”?' });
    expect(prompt).toHaveTextContent('march.pdf');
    expect(prompt).toHaveTextContent('may.pdf');
    expect(within(prompt).getByRole('button', { name: 'Upload' })).toHaveFocus();
    await user.click(within(prompt).getByRole('button', { name: 'Upload' }));

    await waitFor(() => expect(fake.callsTo('documents:accept-offered-files')).toEqual([{ offerId, folderId: invoices.id }]));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    // The batch shows in the upload panel at once.
    const panel = await screen.findByRole('region', { name: 'Uploads' });
    expect(within(panel).getByText('march.pdf')).toBeInTheDocument();
    expect(fake.offers.get(offerId)?.outcome).toBe('accepted');
  });

  it('declines on request, uploading nothing', async () => {
    const { fake, user } = await renderApp();
    let offerId = '';
    act(() => {
      offerId = fake.offerFiles(['one.txt']);
    });
    const prompt = await screen.findByRole('alertdialog', { name: 'Upload 1 file into “My Vault”?' });
    await user.click(within(prompt).getByRole('button', { name: 'Don’t upload' }));
    await waitFor(() => expect(fake.callsTo('documents:decline-offered-files')).toEqual([{ offerId }]));
    expect(fake.callsTo('documents:accept-offered-files')).toHaveLength(0);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('asks about one offer at a time', async () => {
    const { fake, user } = await renderApp();
    act(() => {
      fake.offerFiles(['first.txt']);
      fake.offerFiles(['second.txt', 'third.txt']);
    });
    const first = await screen.findByRole('alertdialog', { name: 'Upload 1 file into “My Vault”?' });
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
    await user.click(within(first).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alertdialog', { name: 'Upload 2 files into “My Vault”?' })).toBeInTheDocument();
  });
});
