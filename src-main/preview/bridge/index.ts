import type { DocuVaultBridge } from '../../../src-shared/bridge';
import { PREVIEW_ROUTES } from '../protocol';
import { EventHub } from './event-hub';
import { postJson } from './http-result';
import { FileUploader } from './upload-files';

/**
 * The browser preview's stand-in for the Electron preload: the same
 * `window.docuvault` shape, over the preview server's HTTP API.
 */
const events = new EventHub();
const uploader = new FileUploader(events);

const bridge: DocuVaultBridge = {
  transport: 'preview',
  invoke: (channel, input) => postJson(`${PREVIEW_ROUTES.invoke}${encodeURIComponent(channel)}`, input),
  on: (event, listener) => events.on(event, listener),
  uploadFiles: (folderId, files) => uploader.uploadFiles(folderId, files),
};

Object.defineProperty(window, 'docuvault', { value: Object.freeze(bridge), enumerable: true, writable: false, configurable: false });
