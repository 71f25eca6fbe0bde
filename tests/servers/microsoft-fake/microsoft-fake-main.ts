/**
 * Runs the Microsoft fake as its own process (see microsoft-fake-process.ts):
 * reports its URLs, CA and a live access token over IPC, takes `advertise`
 * requests (a proxy in front of it), and exits when the parent goes.
 */
import { serveFakeToParent } from '../shared/fake-child-process';
import { startMicrosoftFake } from './microsoft-fake';

const fake = await startMicrosoftFake();
serveFakeToParent(fake, { httpsUrl: fake.httpsUrl, httpUrl: fake.httpUrl, caPem: fake.caPem, accessToken: fake.mintAccessToken() });
