/**
 * Runs the Microsoft fake as its own process (see microsoft-fake-process.ts):
 * reports its URLs, CA and a live access token over IPC, takes `advertise`
 * requests (a proxy in front of it), and exits when the parent goes.
 */
import { startMicrosoftFake } from './microsoft-fake';

const fake = await startMicrosoftFake();
process.on('message', (message: { advertise?: unknown }) => {
  if (typeof message.advertise !== 'string') return;
  fake.advertise(message.advertise);
  process.send?.({ advertised: message.advertise });
});
process.on('disconnect', () => {
  void fake.close().finally(() => process.exit(0));
});
process.send?.({ httpsUrl: fake.httpsUrl, httpUrl: fake.httpUrl, caPem: fake.caPem, accessToken: fake.mintAccessToken() });
