import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UploadItemDto } from '../../src-shared/domain';
import { file } from './support/drag-data';
import { FakeBridge } from './support/fake-bridge';
import { renderApp, type AppHarness } from './support/render-app';

async function startUpload(harness: AppHarness, files: File[]): Promise<UploadItemDto[]> {
  const input = screen.getByLabelText('Choose files to upload') as HTMLInputElement;
  await harness.user.upload(input, files);
  await waitFor(() => expect(harness.fake.uploads.length).toBeGreaterThan(0));
  return [...harness.fake.uploads.at(-1)!.batch.items];
}

const panel = () => screen.getByRole('region', { name: 'Uploads' });

describe('upload panel', () => {
  it('appears with a progress bar per file and overall once an upload starts', async () => {
    const harness = await renderApp();
    expect(screen.queryByRole('region', { name: 'Uploads' })).not.toBeInTheDocument();
    await startUpload(harness, [file('a.pdf', 'x'.repeat(100)), file('b.pdf', 'x'.repeat(300))]);

    expect(within(panel()).getByRole('progressbar', { name: 'Upload progress for a.pdf' })).toHaveAttribute('aria-valuenow', '0');
    expect(within(panel()).getByRole('progressbar', { name: 'Upload progress for b.pdf' })).toHaveAttribute('aria-valuenow', '0');
    expect(within(panel()).getByRole('progressbar', { name: 'Overall upload progress' })).toHaveAttribute('aria-valuenow', '0');
  });

  it('moves the bars as progress events arrive', async () => {
    const harness = await renderApp();
    const [a, b] = await startUpload(harness, [file('a.pdf', 'x'.repeat(100)), file('b.pdf', 'x'.repeat(300))]);
    const uploadingA = { ...a!, state: 'uploading' as const, bytesDone: 50 };
    act(() => harness.fake.emitProgress(a!.batchId, [uploadingA], [uploadingA, b!]));

    expect(within(panel()).getByRole('progressbar', { name: 'Upload progress for a.pdf' })).toHaveAttribute('aria-valuenow', '50');
    // 50 of 400 bytes overall.
    expect(within(panel()).getByRole('progressbar', { name: 'Overall upload progress' })).toHaveAttribute('aria-valuenow', '12');
    expect(within(panel()).getByText('50 B of 100 B')).toBeInTheDocument();

    const doneA = { ...a!, state: 'done' as const, bytesDone: 100 };
    const doneB = { ...b!, state: 'done' as const, bytesDone: 300 };
    act(() => harness.fake.emitProgress(a!.batchId, [doneA, doneB]));
    expect(within(panel()).getByRole('progressbar', { name: 'Overall upload progress' })).toHaveAttribute('aria-valuenow', '100');
    expect(within(panel()).getByRole('heading')).toHaveTextContent('2 uploads complete');
    expect(within(panel()).queryByRole('button', { name: /^Cancel upload of/ })).not.toBeInTheDocument();
  });

  it('cancels one file with its cancel button', async () => {
    const harness = await renderApp();
    const [, b] = await startUpload(harness, [file('a.pdf'), file('b.pdf')]);
    await harness.user.click(within(panel()).getByRole('button', { name: 'Cancel upload of b.pdf' }));
    await waitFor(() => expect(harness.fake.callsTo('documents:cancel-upload')).toEqual([{ uploadId: b!.uploadId }]));
  });

  it('lists a failure with its reason and retries it with the same file', async () => {
    const harness = await renderApp();
    const original = file('big-scan.pdf', 'x'.repeat(500));
    const [item] = await startUpload(harness, [original]);
    const failed: UploadItemDto = {
      ...item!,
      state: 'failed',
      bytesDone: 120,
      error: { code: 'QUOTA_EXCEEDED', message: 'Your vault is full: 500 B would exceed the 1 GB quota.' },
    };
    act(() => harness.fake.emitProgress(item!.batchId, [failed]));

    expect(within(panel()).getByText('Your vault is full: 500 B would exceed the 1 GB quota.')).toBeInTheDocument();
    // Said out loud once, too.
    expect(screen.getByRole('alert')).toHaveTextContent('Your vault is full: 500 B would exceed the 1 GB quota.');
    expect(within(panel()).queryByRole('button', { name: 'Cancel upload of big-scan.pdf' })).not.toBeInTheDocument();
    const retry = within(panel()).getByRole('button', { name: 'Retry upload of big-scan.pdf' });
    expect(retry).toHaveTextContent('Retry');

    await harness.user.click(retry);
    await waitFor(() => expect(harness.fake.uploads).toHaveLength(2));
    expect(harness.fake.uploads[1]!.files[0]).toBe(original);
    expect(harness.fake.uploads[1]!.folderId).toBe(harness.fake.defaultFolderId);
    // The failed entry is replaced by the new attempt.
    await waitFor(() => expect(within(panel()).queryByText(/Your vault is full/)).not.toBeInTheDocument());
    expect(within(panel()).getAllByRole('progressbar', { name: 'Upload progress for big-scan.pdf' })).toHaveLength(1);
  });

  it('shows progress that arrives before the upload call has answered', async () => {
    const fake = new FakeBridge();
    await renderApp(fake);
    const early: UploadItemDto = {
      uploadId: '00000000-0000-4000-8000-0000000000e1',
      batchId: '00000000-0000-4000-8000-0000000000e2',
      folderId: fake.defaultFolderId,
      name: 'early.pdf',
      state: 'uploading',
      bytesDone: 30,
      bytesTotal: 60,
      documentId: null,
      error: null,
    };
    act(() => fake.emitProgress(early.batchId, [early]));
    expect(within(panel()).getByRole('progressbar', { name: 'Upload progress for early.pdf' })).toHaveAttribute('aria-valuenow', '50');
  });

  it('clears finished uploads and disappears when nothing is left', async () => {
    const harness = await renderApp();
    const [a] = await startUpload(harness, [file('a.pdf')]);
    act(() => harness.fake.emitProgress(a!.batchId, [{ ...a!, state: 'done', bytesDone: a!.bytesTotal ?? 0 }]));
    await harness.user.click(within(panel()).getByRole('button', { name: 'Clear finished uploads' }));
    expect(screen.queryByRole('region', { name: 'Uploads' })).not.toBeInTheDocument();
  });
});
