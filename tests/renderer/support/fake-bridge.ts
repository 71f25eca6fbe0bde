import type { BridgeFile, DocuVaultBridge } from '../../../src-shared/bridge';
import {
  contract,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventMap,
  type EventName,
  type ParsedInput,
} from '../../../src-shared/contract';
import type { DocumentDto, FolderDto, UploadBatchDto, UploadItemDto, UploadProgressEvent } from '../../../src-shared/domain';
import type { ErrorCode } from '../../../src-shared/errors';
import { fail, ok, type Result } from '../../../src-shared/result';
import { FakeConnections, SHARE_UNSUPPORTED } from './fake-connections';

/**
 * An in-memory DocuVault behind the real bridge interface, for component tests.
 * Inputs are parsed with the contract's own schemas (so a renderer that sends
 * something main would refuse fails here too), payloads are structured-cloned
 * like IPC, events are delivered asynchronously, and every call is recorded.
 */

export interface RecordedCall {
  readonly channel: ChannelName;
  readonly input: unknown;
}

export interface RecordedUpload {
  readonly folderId: string;
  readonly files: readonly BridgeFile[];
  readonly batch: UploadBatchDto;
}

type Handler<C extends ChannelName> = (input: ParsedInput<C>) => ChannelOutput<C> | Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
type Handlers = { [C in ChannelName]?: Handler<C> };

class FakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_FOLDER_ID = '00000000-0000-4000-8000-00000000f001';
const BASE_TIME = Date.UTC(2025, 0, 15, 9, 30);

/** A valid RFC 9562 v4-shaped id from a number, so 100,000 ids cost nothing. `space` must be one hex digit. */
export function fakeId(n: number, space = 'd'): string {
  const hex = n.toString(16).padStart(11, '0');
  return `00000000-0000-4000-8000-${space}${hex}`;
}

function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase();
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean';
}

export class FakeBridge implements DocuVaultBridge {
  readonly transport = 'preview' as const;
  readonly calls: RecordedCall[] = [];
  readonly uploads: RecordedUpload[] = [];
  /** Replace a channel's behaviour for one test (an error, a delay). */
  readonly overrides: Handlers = {};

  private folders: FolderDto[] = [];
  private documents: DocumentDto[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private sortedCache = new Map<string, DocumentDto[]>();
  private nextNumber = 1;
  private vaultQuota: number | null = null;
  /** Offers of files from the operating system, and what became of each. */
  readonly offers = new Map<string, { names: readonly string[]; outcome: 'pending' | 'accepted' | 'declined' }>();
  /** Cloud connections, credentials protection and browser sign-ins. */
  readonly connections = new FakeConnections({
    folders: () => this.folders,
    documents: () => this.documents,
    removeFolders: (ids) => {
      this.folders = this.folders.filter((f) => !ids.has(f.id));
    },
    removeDocuments: (ids) => {
      this.documents = this.documents.filter((d) => !ids.has(d.id));
      this.sortedCache.clear();
    },
    emitLater: (event, payload) => this.emitLater(event, payload),
    nextId: (space) => fakeId(this.nextNumber++, space),
  });

  constructor() {
    this.folders.push({
      id: DEFAULT_FOLDER_ID,
      name: 'My Vault',
      parentId: null,
      backend: 'local',
      connectionId: null,
      isDefault: true,
      documentCount: 0,
      createdAt: new Date(BASE_TIME).toISOString(),
    });
  }

  get defaultFolderId(): string {
    return DEFAULT_FOLDER_ID;
  }

  // ---- seeding and inspection -------------------------------------------------

  /** A folder in the local vault, or on a connection (seed it with `connections.add` first). */
  addFolder(name: string, parentId: string | null = null, connectionId: string | null = null): FolderDto {
    const connection = connectionId ? this.connections.find(connectionId) : undefined;
    if (connectionId && !connection) throw new Error(`No connection ${connectionId}`);
    const folder: FolderDto = {
      id: fakeId(this.nextNumber++, 'f'),
      name,
      parentId,
      backend: connection?.provider ?? 'local',
      connectionId,
      isDefault: false,
      documentCount: 0,
      createdAt: new Date(BASE_TIME).toISOString(),
    };
    this.folders.push(folder);
    return folder;
  }

  addDocument(partial: Partial<DocumentDto> & { name: string }): DocumentDto {
    const n = this.nextNumber++;
    const document: DocumentDto = {
      id: fakeId(n),
      folderId: DEFAULT_FOLDER_ID,
      contentType: 'application/pdf',
      size: 1000 + n,
      sha256: 'a'.repeat(64),
      backend: 'local',
      connectionId: null,
      status: 'ready',
      createdAt: new Date(BASE_TIME + n * 60_000).toISOString(),
      updatedAt: new Date(BASE_TIME + n * 60_000).toISOString(),
      ...partial,
    };
    this.documents.push(document);
    this.sortedCache.clear();
    return document;
  }

  /** Many documents at once, named "Document 000001.pdf" and so on, oldest first. */
  addManyDocuments(count: number, folderId = DEFAULT_FOLDER_ID): void {
    for (let i = 1; i <= count; i++) {
      const n = this.nextNumber++;
      const at = new Date(BASE_TIME + i * 1000).toISOString();
      this.documents.push({
        id: fakeId(n),
        folderId,
        name: `Document ${String(i).padStart(6, '0')}.pdf`,
        contentType: 'application/pdf',
        size: i * 10,
        sha256: 'b'.repeat(64),
        backend: 'local',
        connectionId: null,
        status: 'ready',
        createdAt: at,
        updatedAt: at,
      });
    }
    this.sortedCache.clear();
  }

  folderList(): FolderDto[] {
    return this.folders.map((f) => ({
      ...f,
      documentCount: this.documents.filter((d) => d.folderId === f.id).length,
      connectionStatus: this.connections.statusOf(f.connectionId),
    }));
  }

  /** Files the operating system handed to the app (open with…): announced as main does. */
  offerFiles(names: readonly string[]): string {
    const offerId = fakeId(this.nextNumber++, 'e');
    this.offers.set(offerId, { names, outcome: 'pending' });
    this.emit('files:offered', { offerId, names });
    return offerId;
  }

  /** As main lists it: a document on a connection that needs reconnecting cannot be reached. */
  private withAvailability(document: DocumentDto): DocumentDto {
    if (!document.connectionId || document.available !== undefined) return document;
    const status = this.connections.statusOf(document.connectionId);
    return { ...document, available: status === 'ACTIVE' || status === 'ERROR' };
  }

  documentsIn(folderId: string): DocumentDto[] {
    return this.documents.filter((d) => d.folderId === folderId);
  }

  callsTo<C extends ChannelName>(channel: C): ChannelInput<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>);
  }

  lastCallTo<C extends ChannelName>(channel: C): ChannelInput<C> | undefined {
    return this.callsTo(channel).at(-1);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  // ---- events -----------------------------------------------------------------

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Delivers an event now, as main would push it. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (p: EventMap[E]) => void)(structuredClone(payload));
  }

  private emitLater<E extends EventName>(event: E, payload: EventMap[E]): void {
    setTimeout(() => this.emit(event, payload), 0);
  }

  /** Progress for a batch: the changed items, and the overall numbers computed from `all`. */
  emitProgress(batchId: string, changed: readonly UploadItemDto[], all: readonly UploadItemDto[] = changed): void {
    const overall: UploadProgressEvent['overall'] = {
      bytesDone: all.reduce((s, i) => s + i.bytesDone, 0),
      bytesTotal: all.reduce((s, i) => s + (i.bytesTotal ?? 0), 0),
      filesDone: all.filter((i) => i.state === 'done').length,
      filesFailed: all.filter((i) => i.state === 'failed' || i.state === 'cancelled').length,
      filesTotal: all.length,
    };
    this.emit('uploads:progress', { batchId, items: changed, overall });
  }

  // ---- the bridge -------------------------------------------------------------

  async uploadFiles(folderId: string, files: readonly BridgeFile[]): Promise<Result<UploadBatchDto>> {
    if (!this.folders.some((f) => f.id === folderId)) return fail('NOT_FOUND', 'The folder no longer exists.');
    const batchId = fakeId(this.nextNumber++, 'b');
    const items = files.map(
      (file): UploadItemDto => ({
        uploadId: fakeId(this.nextNumber++, 'u'),
        batchId,
        folderId,
        name: file.name,
        state: 'queued',
        bytesDone: 0,
        bytesTotal: file.size,
        documentId: null,
        error: null,
      }),
    );
    const batch = { batchId, items };
    this.uploads.push({ folderId, files: [...files], batch });
    return ok(structuredClone(batch));
  }

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    const cloned = structuredClone(input);
    this.calls.push({ channel, input: cloned });
    const parsed = contract[channel].input.safeParse(cloned);
    if (!parsed.success) return fail('VALIDATION', parsed.error.issues[0]?.message ?? 'Invalid input');
    const handler = (this.overrides[channel] ?? this.handlers[channel]) as Handler<C> | undefined;
    if (!handler) return fail('UNSUPPORTED', `${channel} is not available in this test.`);
    try {
      const answer = await handler(parsed.data as ParsedInput<C>);
      return structuredClone(isResult(answer) ? (answer as Result<ChannelOutput<C>>) : ok(answer as ChannelOutput<C>));
    } catch (error) {
      if (error instanceof FakeError) return fail(error.code, error.message);
      throw error;
    }
  }

  // ---- the in-memory vault ----------------------------------------------------

  private requireFolder(id: string): FolderDto {
    const folder = this.folders.find((f) => f.id === id);
    if (!folder) throw new FakeError('NOT_FOUND', 'The folder no longer exists.');
    return folder;
  }

  private requireDocument(id: string): DocumentDto {
    const document = this.documents.find((d) => d.id === id);
    if (!document) throw new FakeError('NOT_FOUND', 'The document no longer exists.');
    return document;
  }

  private assertFolderNameFree(parentId: string | null, name: string, exceptId?: string): void {
    if (this.folders.some((f) => f.parentId === parentId && f.id !== exceptId && nameKey(f.name) === nameKey(name))) {
      throw new FakeError('CONFLICT', `A folder named “${name.trim()}” already exists here.`);
    }
  }

  private documentsChanged(folderIds: Iterable<string>): void {
    this.sortedCache.clear();
    this.emitLater('documents:changed', { folderIds: [...new Set(folderIds)] });
  }

  private subtree(id: string): FolderDto[] {
    const out = [this.requireFolder(id)];
    for (let i = 0; i < out.length; i++) out.push(...this.folders.filter((f) => f.parentId === out[i]!.id));
    return out;
  }

  private listing(folderId: string | undefined, search: string | undefined, sortBy: string, sortDir: string): DocumentDto[] {
    const key = JSON.stringify([folderId, search, sortBy, sortDir]);
    const cached = this.sortedCache.get(key);
    if (cached) return cached;
    const needle = search?.trim().toLocaleLowerCase();
    const rows = this.documents.filter(
      (d) => (!folderId || d.folderId === folderId) && (!needle || d.name.toLocaleLowerCase().includes(needle)),
    );
    const sign = sortDir === 'asc' ? 1 : -1;
    const value = (d: DocumentDto) => (sortBy === 'name' ? nameKey(d.name) : sortBy === 'size' ? d.size : d.createdAt);
    rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * sign;
    });
    this.sortedCache.set(key, rows);
    return rows;
  }

  private readonly handlers: Handlers = {
    'folders:list': () => this.folderList(),
    'folders:create': ({ name, parentId, connectionId }) => {
      const parent = parentId ? this.requireFolder(parentId) : null;
      if (connectionId) {
        const connection = this.connections.find(connectionId);
        if (!connection) throw new FakeError('NOT_FOUND', 'The connection no longer exists.');
        if (connection.status !== 'ACTIVE') throw new FakeError('REAUTH_REQUIRED', 'Reconnect this connection to use it again.');
      }
      this.assertFolderNameFree(parentId, name);
      // A subfolder lives where its parent lives.
      const folder = this.addFolder(name.trim(), parentId, parent ? parent.connectionId : connectionId);
      this.emitLater('folders:changed', {});
      return folder;
    },
    'folders:rename': ({ id, name }) => {
      const folder = this.requireFolder(id);
      this.assertFolderNameFree(folder.parentId, name, id);
      this.folders = this.folders.map((f) => (f.id === id ? { ...f, name: name.trim() } : f));
      this.emitLater('folders:changed', {});
      return this.folderList().find((f) => f.id === id)!;
    },
    'folders:delete': ({ id, deleteDocuments }) => {
      const folder = this.requireFolder(id);
      if (folder.isDefault) throw new FakeError('CONFLICT', `“${folder.name}” is your built-in vault and cannot be deleted.`);
      const tree = new Set(this.subtree(id).map((f) => f.id));
      const doomed = this.documents.filter((d) => tree.has(d.folderId));
      if (!deleteDocuments && (doomed.length > 0 || tree.size > 1)) throw new FakeError('CONFLICT', `“${folder.name}” is not empty.`);
      this.documents = this.documents.filter((d) => !tree.has(d.folderId));
      this.folders = this.folders.filter((f) => !tree.has(f.id));
      this.emitLater('folders:changed', {});
      if (doomed.length) this.documentsChanged(tree);
      return { deletedDocuments: doomed.length };
    },
    'documents:list': ({ folderId, search, sortBy, sortDir, offset, limit }) => {
      const rows = this.listing(folderId, search, sortBy, sortDir);
      return { items: rows.slice(offset, offset + limit).map((d) => this.withAvailability(d)), total: rows.length, offset };
    },
    'documents:list-ids': ({ folderId, search, sortBy, sortDir, offset, limit }) => ({
      ids: this.listing(folderId, search, sortBy, sortDir)
        .slice(offset, offset + limit)
        .map((d) => d.id),
    }),
    'documents:get': ({ id }) => this.withAvailability(this.requireDocument(id)),
    'documents:rename': ({ id, name }) => {
      const document = this.requireDocument(id);
      const renamed = { ...document, name: name.trim() };
      this.documents = this.documents.map((d) => (d.id === id ? renamed : d));
      this.documentsChanged([document.folderId]);
      return renamed;
    },
    'documents:move': ({ ids, folderId }) => {
      this.requireFolder(folderId);
      const moved = ids.map((id) => this.requireDocument(id));
      const set = new Set(ids);
      this.documents = this.documents.map((d) => (set.has(d.id) ? { ...d, folderId } : d));
      this.documentsChanged([folderId, ...moved.map((d) => d.folderId)]);
      return this.documents.filter((d) => set.has(d.id));
    },
    'documents:delete': ({ ids }) => {
      const set = new Set(ids);
      const doomed = this.documents.filter((d) => set.has(d.id));
      this.documents = this.documents.filter((d) => !set.has(d.id));
      this.documentsChanged(doomed.map((d) => d.folderId));
      return { deleted: doomed.length };
    },
    'documents:content': ({ id }) => {
      const document = this.requireDocument(id);
      return { url: `/content/${id}`, contentType: document.contentType, size: document.size, name: document.name };
    },
    'documents:cancel-upload': () => ({ cancelled: true }),
    // The browser preview's answers: no native dialogs there.
    'documents:upload-from-dialog': () => fail('UNSUPPORTED', 'File pickers are not available here. Drag files into the window instead.'),
    'documents:export': () => fail('UNSUPPORTED', 'Saving a copy is not available here.'),
    'documents:share-link': ({ id, expiresInSeconds }) => {
      const document = this.requireDocument(id);
      if (document.backend !== 's3') return fail('UNSUPPORTED', SHARE_UNSUPPORTED);
      return {
        url: `https://s3.example.com/bucket/${id}?X-Amz-Expires=${expiresInSeconds}&X-Amz-Signature=abc`,
        expiresAt: new Date(BASE_TIME + expiresInSeconds * 1000).toISOString(),
      };
    },
    'documents:accept-offered-files': ({ offerId, folderId }) => {
      const offer = this.offers.get(offerId);
      if (!offer || offer.outcome !== 'pending') throw new FakeError('NOT_FOUND', 'Those files are no longer offered.');
      this.requireFolder(folderId);
      offer.outcome = 'accepted';
      const batchId = fakeId(this.nextNumber++, 'b');
      const items = offer.names.map(
        (name): UploadItemDto => ({
          uploadId: fakeId(this.nextNumber++, 'u'),
          batchId,
          folderId,
          name,
          state: 'queued',
          bytesDone: 0,
          bytesTotal: null,
          documentId: null,
          error: null,
        }),
      );
      return { batchId, items };
    },
    'documents:decline-offered-files': ({ offerId }) => {
      const offer = this.offers.get(offerId);
      if (offer) offer.outcome = 'declined';
      return { declined: offer !== undefined };
    },
    'vault:info': () => {
      const local = this.documents.filter((d) => d.backend === 'local');
      return { usedBytes: local.reduce((sum, d) => sum + d.size, 0), quotaBytes: this.vaultQuota, documentCount: local.length };
    },
    'vault:set-quota': ({ quotaBytes }) => {
      this.vaultQuota = quotaBytes;
      return this.handlers['vault:info']!({}) as ChannelOutput<'vault:info'>;
    },
    'vault:remove-all-data': ({ deleteFromServers }) => {
      const outcome = this.connections.removeAll(deleteFromServers);
      this.documents = [];
      this.folders = this.folders.filter((f) => f.isDefault);
      this.sortedCache.clear();
      this.emitLater('folders:changed', {});
      this.emitLater('documents:changed', { folderIds: [] });
      return outcome;
    },
    ...this.connections.handlers,
  };
}
