/**
 * Copies text to the clipboard. Electron may deny the clipboard permission (the
 * window denies permission requests by default) and jsdom has none: answers false
 * instead of throwing, so callers can show the text for copying by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
