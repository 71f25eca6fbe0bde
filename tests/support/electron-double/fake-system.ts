import type { FakeBrowserWindow } from './fake-windows';

export interface RecordedDialog {
  readonly kind: 'open' | 'save' | 'error' | 'message';
  readonly window: FakeBrowserWindow | null;
  readonly options: Record<string, unknown>;
}

/** `dialog`: answers with what the test queued, and records what main asked for. */
export class FakeDialog {
  readonly shown: RecordedDialog[] = [];
  nextOpen: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  nextSave: { canceled: boolean; filePath?: string } = { canceled: true };
  /** The button index the next message box answers with. */
  nextMessageResponse = 0;

  reset(): void {
    this.shown.length = 0;
    this.nextOpen = { canceled: true, filePaths: [] };
    this.nextSave = { canceled: true };
    this.nextMessageResponse = 0;
  }

  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    this.record('message', args);
    return { response: this.nextMessageResponse, checkboxChecked: false };
  }

  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.record('open', args);
    return structuredClone(this.nextOpen);
  }

  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    this.record('save', args);
    return structuredClone(this.nextSave);
  }

  showErrorBox(title: string, content: string): void {
    this.shown.push({ kind: 'error', window: null, options: { title, content } });
  }

  private record(kind: 'open' | 'save' | 'message', args: unknown[]): void {
    // Like Electron, the window argument is optional and comes first.
    const [first, second] = args;
    const hasWindow = args.length > 1;
    this.shown.push({
      kind,
      window: hasWindow ? (first as FakeBrowserWindow) : null,
      options: (hasWindow ? second : first) as Record<string, unknown>,
    });
  }
}

/** `shell`: records URLs handed to the system browser and paths handed to the file manager. */
export class FakeShell {
  readonly openedExternal: string[] = [];
  readonly openedPaths: string[] = [];

  reset(): void {
    this.openedExternal.length = 0;
    this.openedPaths.length = 0;
  }

  async openExternal(url: string): Promise<void> {
    this.openedExternal.push(url);
  }

  /** Resolves with an error message, or '' on success, as Electron does. */
  async openPath(path: string): Promise<string> {
    this.openedPaths.push(path);
    return '';
  }
}
