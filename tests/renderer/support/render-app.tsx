import { render, screen, waitFor, within, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import userEvent from '@testing-library/user-event';
import { createClient } from '../../../src-renderer/api';
import { App } from '../../../src-renderer/app/App';
import { FakeBridge } from './fake-bridge';

export interface AppHarness {
  readonly fake: FakeBridge;
  readonly user: ReturnType<typeof userEvent.setup>;
  readonly view: RenderResult;
}

/** Renders the whole Library window over a fake bridge and waits until the first listing answered. */
export async function renderApp(fake = new FakeBridge()): Promise<AppHarness> {
  const user = userEvent.setup();
  const view = render(<App client={createClient(fake)} />);
  await screen.findByRole('button', { name: /^My Vault/ });
  // The toolbar counts documents once the first page of the listing answered.
  await waitFor(() => expect(document.querySelector('.toolbar__meta')?.textContent).toMatch(/documents?/));
  return { fake, user, view };
}

export function grid(): HTMLElement {
  return screen.getByRole('grid', { name: 'Documents' });
}

export function documentRows(): HTMLElement[] {
  return within(grid()).queryAllByRole('row').filter((row) => row.hasAttribute('data-document-id'));
}

export function rowNamed(name: string): HTMLElement {
  const row = documentRows().find((r) => within(r).queryAllByRole('gridcell')[0]?.textContent === name);
  if (!row) throw new Error(`No row named ${name}; rows: ${documentRows().map((r) => r.textContent).join(' | ')}`);
  return row;
}

export function folderButton(name: string): HTMLElement {
  const nav = screen.getByRole('navigation', { name: 'Folders' });
  return within(nav).getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
}
