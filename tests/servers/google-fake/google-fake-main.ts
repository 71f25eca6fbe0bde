/**
 * Runs the Google fake as its own process (see google-fake-process.ts):
 * reports its URL and a live access token over IPC, takes `advertise`
 * requests (a proxy in front of it), and exits when the parent goes.
 */
import { startGoogleFake } from './google-fake';

const fake = await startGoogleFake();
process.on('message', (message: { advertise?: unknown }) => {
  if (typeof message.advertise !== 'string') return;
  fake.advertise(message.advertise);
  process.send?.({ advertised: message.advertise });
});
process.on('disconnect', () => {
  void fake.close().finally(() => process.exit(0));
});
process.send?.({ url: fake.url, accessToken: fake.mintAccessToken() });
