/** `contextBridge`: what the preload exposed to the page. */
export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  reset(): void {
    this.exposed.clear();
  }

  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
    this.exposed.set(apiKey, api);
  }
}

/**
 * `webUtils`: files the test marks as "on disk" have a path, like a dropped file;
 * any other File has none, like one dragged from a web page. Non-Files throw, as in Electron.
 */
export class FakeWebUtils {
  private paths = new WeakMap<File, string>();

  reset(): void {
    this.paths = new WeakMap();
  }

  getPathForFile(file: File): string {
    if (!(file instanceof File)) throw new TypeError('Error processing argument at index 0, conversion failure from ');
    return this.paths.get(file) ?? '';
  }

  /** Test control: a File that came from the person's disk (a drop or an <input type=file>). */
  fileOnDisk(path: string, contents: string | Uint8Array<ArrayBuffer> = ''): File {
    const name = path.split(/[\\/]/).pop() ?? path;
    const file = new File([contents], name);
    this.paths.set(file, path);
    return file;
  }
}
