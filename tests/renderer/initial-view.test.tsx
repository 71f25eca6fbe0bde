import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createClient, prefetchInitialView, withPrefetch } from '../../src-renderer/api';
import { App } from '../../src-renderer/app/App';
import { DEFAULT_SORT } from '../../src-renderer/features/documents/sort';
import { fail } from '../../src-shared/result';
import { FakeBridge } from './support/fake-bridge';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('start-up', () => {
  it('shows the first list from the answers asked for before the window mounted, without asking again', async () => {
    const fake = new FakeBridge();
    fake.addManyDocuments(300);
    // As main.tsx does: the requests go out before React mounts.
    const client = withPrefetch(createClient(fake));
    prefetchInitialView(client, { sortBy: DEFAULT_SORT.by, sortDir: DEFAULT_SORT.dir });
    await settle();
    expect(fake.calls.map((c) => c.channel)).toEqual(['folders:list', 'documents:list']);
    // From here on main would fail both questions: the window can only show what was asked for up front.
    fake.overrides['folders:list'] = () => fail('INTERNAL', 'Asked twice.');
    fake.overrides['documents:list'] = () => fail('INTERNAL', 'Asked twice.');
    render(<App client={client} />);

    const grid = await screen.findByRole('grid', { name: 'Documents' });
    // Newest first (the default sort): the last seeded document heads the list.
    await waitFor(() => expect(within(grid).getAllByRole('row')[1]).toHaveTextContent('Document 000300.pdf'));
    expect(screen.getByRole('button', { name: /^My Vault, 300 documents/ })).toBeInTheDocument();
    expect(fake.callsTo('folders:list')).toHaveLength(1);
    expect(fake.callsTo('documents:list')).toHaveLength(1);
    expect(screen.queryByText('Asked twice.')).not.toBeInTheDocument();
  });
});
