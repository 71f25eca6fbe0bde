import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, windowBridge } from './api';
import { App, MissingBridge } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const bridge = windowBridge();
createRoot(root).render(<StrictMode>{bridge ? <App client={createClient(bridge)} /> : <MissingBridge />}</StrictMode>);
