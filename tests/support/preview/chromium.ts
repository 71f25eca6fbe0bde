import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser download cannot work on these machines. */
export const CHROMIUM_PATH = process.env.DOCUVAULT_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** One headless Chromium; each test opens its own context (fresh cookies, cache and storage). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens the preview like a person does: the printed URL with the token, which the
 * server trades for a cookie and drops from the address bar.
 */
export async function openPreview(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (!response || response.status() !== 200) throw new Error(`The preview answered ${response?.status() ?? 'nothing'} for the app page`);
  if (new URL(page.url()).searchParams.has('token')) throw new Error('The token is still in the address bar');
  return page;
}
