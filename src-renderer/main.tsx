import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, prefetchInitialView, windowBridge, withPrefetch } from './api';
import { App, MissingBridge } from './app/App';
import { DEFAULT_SORT } from './features/documents/sort';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const bridge = windowBridge();
const client = bridge ? withPrefetch(createClient(bridge)) : null;
// Before React mounts: the folders, then the first folder's documents, are already on their way.
if (client) prefetchInitialView(client, { sortBy: DEFAULT_SORT.by, sortDir: DEFAULT_SORT.dir });
// As a transition, the first render yields to the browser every few milliseconds, so the folders'
// answer is handled (and the documents asked for) while React is still mounting the window.
startTransition(() => createRoot(root).render(<StrictMode>{client ? <App client={client} /> : <MissingBridge />}</StrictMode>));
