export { rendererMimeType as mimeTypeFor } from '../ipc/app-page-policy';
