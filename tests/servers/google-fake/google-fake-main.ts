/**
 * Runs the Google fake as its own process (see google-fake-process.ts):
 * reports its URL and a live access token over IPC, takes `advertise`
 * requests (a proxy in front of it), and exits when the parent goes.
 */
import { serveFakeToParent } from '../shared/fake-child-process';
import { startGoogleFake } from './google-fake';

const fake = await startGoogleFake();
serveFakeToParent(fake, { url: fake.url, accessToken: fake.mintAccessToken() });
