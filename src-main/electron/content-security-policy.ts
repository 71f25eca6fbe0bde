import { appContentSecurityPolicy } from '../ipc/app-page-policy';
import { CONTENT_SCHEME } from './schemes';

/** The app page's policy in Electron: document bytes come from the content scheme. */
export const APP_CONTENT_SECURITY_POLICY = appContentSecurityPolicy(`${CONTENT_SCHEME}:`);
