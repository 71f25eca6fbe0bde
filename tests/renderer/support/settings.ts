import { screen, within } from '@testing-library/react';
import type { AppHarness } from './render-app';

/** Opens Settings from the sidebar and waits for the (lazily loaded) Connections section. */
export async function openSettings({ user }: Pick<AppHarness, 'user'>): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  return screen.findByRole('region', { name: 'Connections' });
}

export function connectionsSection(): HTMLElement {
  return screen.getByRole('region', { name: 'Connections' });
}

/** A connection's list item: named by its label first. */
export function connectionItem(label: string): HTMLElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return within(connectionsSection()).getByRole('listitem', { name: new RegExp(`^${escaped},`) });
}

export async function findConnectionItem(label: string): Promise<HTMLElement> {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return within(await screen.findByRole('region', { name: 'Connections' })).findByRole('listitem', { name: new RegExp(`^${escaped},`) });
}

export async function openAddConnection({ user }: Pick<AppHarness, 'user'>, provider: string): Promise<HTMLElement> {
  await user.click(within(connectionsSection()).getByRole('button', { name: 'Add connection' }));
  const dialog = screen.getByRole('dialog', { name: 'Add connection' });
  await user.click(within(dialog).getByRole('button', { name: provider }));
  return dialog;
}

/** The info toasts shown so far (role="status" inside the toast viewport). */
export function notices(): string[] {
  return [...document.querySelectorAll('.toast[role="status"]')].map((t) => t.textContent ?? '');
}
