import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../src-shared/result';
import { FakeBridge } from './support/fake-bridge';
import { renderApp, rowNamed } from './support/render-app';

/**
 * (Only the first test opens a PDF: the module registry lives for the whole file.)
 * jsdom has no canvas, so the pdf.js boundary (the one module that imports
 * pdf.js) is replaced. The factory runs only when that module is first
 * imported, which tells whether the viewer loads it lazily.
 */
const pdf = vi.hoisted(() => {
  const state = {
    imported: false,
    openedUrls: [] as string[],
    finishRender: null as null | (() => void),
  };
  return state;
});

vi.mock('../../src-renderer/features/viewer/pdf-engine', () => {
  pdf.imported = true;
  return {
    openPdf: async (url: string) => {
      pdf.openedUrls.push(url);
      return {
        pageCount: 3,
        pageSize: async () => ({ width: 600, height: 800 }),
        render: (pageNumber: number) => ({
          done:
            pageNumber === 1
              ? new Promise<void>((resolve) => {
                  pdf.finishRender = resolve;
                })
              : new Promise<void>(() => undefined),
          cancel: () => undefined,
        }),
        destroy: () => undefined,
      };
    },
  };
});

function seeded() {
  const fake = new FakeBridge();
  const pdfDoc = fake.addDocument({ name: 'contract.pdf', contentType: 'application/pdf' });
  const image = fake.addDocument({ name: 'photo.jpg', contentType: 'image/jpeg' });
  const text = fake.addDocument({ name: 'readme.txt', contentType: 'text/plain; charset=utf-8', size: 12 });
  const other = fake.addDocument({ name: 'budget.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return { fake, pdfDoc, image, text, other };
}

const viewer = (name: string) => screen.getByRole('dialog', { name: `Viewer: ${name}` });

beforeEach(() => {
  pdf.openedUrls = [];
  pdf.finishRender = null;
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('viewer', () => {
  it('loads pdf.js only when a PDF is opened, and marks page 1 once it is drawn', async () => {
    const { fake, pdfDoc } = seeded();
    const { user } = await renderApp(fake);
    expect(pdf.imported).toBe(false);

    await user.dblClick(rowNamed('contract.pdf'));
    const dialog = await screen.findByRole('dialog', { name: 'Viewer: contract.pdf' });
    const canvas = await within(dialog).findByTestId('pdf-page');
    expect(pdf.imported).toBe(true);
    expect(pdf.openedUrls).toEqual([`/content/${pdfDoc.id}`]);
    expect(canvas.tagName).toBe('CANVAS');
    expect(canvas).not.toHaveAttribute('data-rendered');

    await act(async () => pdf.finishRender?.());
    expect(canvas).toHaveAttribute('data-rendered', 'true');
    expect(within(dialog).getByText('3 pages')).toBeInTheDocument();
    expect(fake.lastCallTo('documents:content')).toEqual({ id: pdfDoc.id });
  });

  it('shows an image from its content URL', async () => {
    const { fake, image } = seeded();
    const { user } = await renderApp(fake);
    await user.dblClick(rowNamed('photo.jpg'));
    const img = await within(viewer('photo.jpg')).findByRole('img', { name: 'photo.jpg' });
    expect(img).toHaveAttribute('src', `/content/${image.id}`);
  });

  it('shows plain text in a pre block', async () => {
    const fetchMock = vi.fn(async () => new Response('Hello, vault.\nSecond line.'));
    vi.stubGlobal('fetch', fetchMock);
    const { fake, text } = seeded();
    const { user } = await renderApp(fake);
    await user.dblClick(rowNamed('readme.txt'));
    const pre = await within(viewer('readme.txt')).findByTestId('text-preview');
    expect(pre.tagName).toBe('PRE');
    expect(pre.textContent).toBe('Hello, vault.\nSecond line.');
    expect(fetchMock).toHaveBeenCalledWith(`/content/${text.id}`, expect.anything());
  });

  it('shows at most 1 MB of a large text file', async () => {
    const big = 'a'.repeat(3_000_000);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(big)));
    const fake = new FakeBridge();
    fake.addDocument({ name: 'huge.log', contentType: 'text/plain', size: big.length });
    const { user } = await renderApp(fake);
    await user.dblClick(rowNamed('huge.log'));
    const pre = await within(viewer('huge.log')).findByTestId('text-preview');
    expect(pre.textContent).toHaveLength(1024 * 1024);
    expect(within(viewer('huge.log')).getByText(/Showing the first 1 MB of 3 MB/)).toBeInTheDocument();
  });

  it('offers "Save a copy…" for types it cannot preview, and downloads the content URL where main cannot save', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { fake, other } = seeded();
    const { user } = await renderApp(fake);
    await user.dblClick(rowNamed('budget.xlsx'));
    const dialog = viewer('budget.xlsx');
    expect(within(dialog).getByText('No preview available')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('(Excel spreadsheet) in another app');

    await user.click(within(dialog).getByRole('button', { name: 'Save a copy…' }));
    await waitFor(() => expect(fake.callsTo('documents:export')).toEqual([{ id: other.id }]));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.getAttribute('href')).toBe(`/content/${other.id}`);
    expect(anchor.download).toBe('budget.xlsx');
  });

  it('saves a copy through main when it can, and says where', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    const { fake } = seeded();
    fake.overrides['documents:export'] = () => ok({ saved: true, fileName: 'budget (1).xlsx' });
    const { user } = await renderApp(fake);
    await user.dblClick(rowNamed('budget.xlsx'));
    await user.click(within(viewer('budget.xlsx')).getByRole('button', { name: 'Save a copy…' }));
    const toast = await screen.findByText('Saved a copy as “budget (1).xlsx”.');
    expect(toast.closest('[role="status"]')).not.toBeNull();
    expect(click).not.toHaveBeenCalled();
  });

  it('opens the focused row with Enter and closes with Escape, returning focus to the list', async () => {
    const { fake } = seeded();
    const { user } = await renderApp(fake);
    await user.click(rowNamed('photo.jpg'));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Viewer: photo.jpg' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(rowNamed('photo.jpg')).toHaveFocus();
  });

  it('closes with the "Close viewer" button', async () => {
    const { fake } = seeded();
    const { user } = await renderApp(fake);
    await user.dblClick(rowNamed('photo.jpg'));
    await user.click(within(viewer('photo.jpg')).getByRole('button', { name: 'Close viewer' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('steps to the next and previous document with the arrow keys', async () => {
    const { fake } = seeded();
    const { user } = await renderApp(fake);
    // Newest first: budget.xlsx, readme.txt, photo.jpg, contract.pdf.
    await user.dblClick(rowNamed('photo.jpg'));
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(await screen.findByRole('dialog', { name: 'Viewer: contract.pdf' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(await screen.findByRole('dialog', { name: 'Viewer: photo.jpg' })).toBeInTheDocument();
  });
});
