import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readJsonObject, sendEmpty } from '../shared/http-io';
import type { DownloadLinks } from './download-links';
import { driveItemResource } from './drive-item-resource';
import { invalidNameReason, parseConflictBehavior, type DriveStore, type StoredItem } from './drive-store';
import type { FakeMicrosoftAccount } from './fake-identity';
import { graphErrors, sendJson } from './http-io';
import { ReferenceQuickXor } from './reference-quick-xor';
import { commitUpload, discardTemp, type CommitControls } from './upload-commit';

/** Simple uploads (PUT …/content) are for small files; larger ones need an upload session. */
const SIMPLE_UPLOAD_LIMIT = 250 * 1024 * 1024;

/**
 * Graph v1.0 `/me` and `/me/drive/…` on the fake's store: items by id or by
 * path, children, folder creation and moves with `@microsoft.graph.conflictBehavior`,
 * deletion, `/content` (302 to a pre-authenticated link) and simple uploads.
 * Callers have checked the bearer token.
 */
export class GraphEndpoints {
  constructor(
    private readonly store: DriveStore,
    private readonly account: FakeMicrosoftAccount,
    private readonly links: DownloadLinks,
    private readonly controls: CommitControls,
  ) {}

  /** GET /me — needs User.Read, which DocuVault does not ask for (the account comes from the ID token). */
  me(res: ServerResponse, scopes: readonly string[]): void {
    if (!scopes.includes('User.Read')) return graphErrors.accessDenied(res);
    const { oid, name, username } = this.account;
    sendJson(res, 200, { id: oid, displayName: name, userPrincipalName: username, mail: username });
  }

  /** GET /me/drive — the quota is what a health check reads. */
  drive(res: ServerResponse): void {
    const used = this.store.usage();
    const total = this.store.quotaTotal;
    const remaining = Math.max(0, total - used);
    const state = remaining === 0 ? 'exceeded' : remaining < total * 0.01 ? 'critical' : remaining < total * 0.1 ? 'nearing' : 'normal';
    sendJson(res, 200, {
      id: this.store.driveId.toLowerCase(),
      driveType: 'personal',
      owner: { user: { id: this.account.oid, displayName: this.account.name } },
      quota: { deleted: 0, remaining, state, total, used },
    });
  }

  getItem(res: ServerResponse, item: StoredItem | undefined, url: URL): void {
    if (!item) return graphErrors.notFound(res);
    sendJson(res, 200, driveItemResource(this.store, item, url.searchParams.get('$select')));
  }

  listChildren(res: ServerResponse, item: StoredItem | undefined): void {
    if (!item?.isFolder) return graphErrors.notFound(res);
    sendJson(res, 200, { value: this.store.children(item.id).map((child) => driveItemResource(this.store, child)) });
  }

  /** POST …/children with `{name, folder: {}, "@microsoft.graph.conflictBehavior"}`. */
  async createFolder(req: IncomingMessage, res: ServerResponse, parent: StoredItem | undefined): Promise<void> {
    const body = await readJsonObject(req);
    if (!parent?.isFolder) return graphErrors.notFound(res);
    if (!body || typeof body.name !== 'string' || typeof body.folder !== 'object' || body.folder === null) {
      return graphErrors.invalid(res, 'A folder needs a name and a folder facet.');
    }
    const problem = invalidNameReason(body.name);
    if (problem) return graphErrors.invalid(res, problem);
    const behavior = parseConflictBehavior(body['@microsoft.graph.conflictBehavior'], 'fail');
    if (!behavior) return graphErrors.invalid(res, 'Invalid conflict behavior.');
    const placement = this.store.place(parent.id, body.name, behavior);
    if (placement.kind === 'conflict') return graphErrors.nameAlreadyExists(res);
    if (placement.kind === 'replace') await this.store.delete(placement.existing.id);
    const name = placement.kind === 'free' ? placement.name : body.name;
    const folder = this.store.add({ id: this.store.newId(), name, parentId: parent.id, isFolder: true, content: null, description: null });
    sendJson(res, 201, driveItemResource(this.store, folder));
  }

  /** PATCH — rename and/or move (`parentReference.id`), description; `?@microsoft.graph.conflictBehavior=` (default fail). */
  async update(req: IncomingMessage, res: ServerResponse, item: StoredItem | undefined, url: URL): Promise<void> {
    const body = await readJsonObject(req);
    if (!item) return graphErrors.notFound(res);
    if (!body) return graphErrors.invalid(res, 'Invalid JSON body.');
    if (item.parentId === null) return graphErrors.invalid(res, 'The root cannot be renamed or moved.');
    const behavior = parseConflictBehavior(url.searchParams.get('@microsoft.graph.conflictBehavior'), 'fail');
    if (!behavior) return graphErrors.invalid(res, 'Invalid conflict behavior.');
    const name = body.name === undefined ? item.name : body.name;
    if (typeof name !== 'string') return graphErrors.invalid(res, 'Invalid name.');
    const problem = invalidNameReason(name);
    if (problem) return graphErrors.invalid(res, problem);
    let parentId = item.parentId;
    if (body.parentReference !== undefined) {
      const reference = body.parentReference as { id?: unknown } | null;
      if (typeof reference?.id !== 'string') return graphErrors.invalid(res, 'parentReference needs an id.');
      const parent = this.store.get(reference.id);
      if (!parent?.isFolder) return graphErrors.notFound(res);
      if (this.store.isInside(parent.id, item.id)) return graphErrors.invalid(res, 'A folder cannot be moved into itself.');
      parentId = parent.id;
    }
    const placement = this.store.place(parentId, name, behavior, item.id);
    if (placement.kind === 'conflict') return graphErrors.nameAlreadyExists(res);
    if (placement.kind === 'replace') await this.store.delete(placement.existing.id);
    item.name = placement.kind === 'free' ? placement.name : name;
    item.parentId = parentId;
    if (typeof body.description === 'string') item.description = body.description;
    this.store.touch(item);
    sendJson(res, 200, driveItemResource(this.store, item));
  }

  async delete(res: ServerResponse, item: StoredItem | undefined): Promise<void> {
    if (!item) return graphErrors.notFound(res);
    if (item.parentId === null) return graphErrors.invalid(res, 'The root cannot be deleted.');
    await this.store.delete(item.id);
    sendEmpty(res, 204);
  }

  /** GET …/content → 302 to a short-lived pre-authenticated URL (Range is the download's business). */
  content(res: ServerResponse, item: StoredItem | undefined, base: string): void {
    if (!item) return graphErrors.notFound(res);
    if (item.isFolder) return graphErrors.invalid(res, 'A folder has no content.');
    sendEmpty(res, 302, { Location: this.links.issue(item.id, base) });
  }

  /** PUT …/items/{parent-id}:/{name}:/content — a simple upload, body streamed to disk. */
  async putContent(req: IncomingMessage, res: ServerResponse, parent: StoredItem | undefined, name: string, url: URL): Promise<void> {
    const refuse = (send: () => void) => {
      req.resume();
      send();
    };
    if (!parent?.isFolder) return refuse(() => graphErrors.notFound(res));
    const problem = invalidNameReason(name);
    if (problem) return refuse(() => graphErrors.invalid(res, problem));
    const behavior = parseConflictBehavior(url.searchParams.get('@microsoft.graph.conflictBehavior'), 'replace');
    if (!behavior) return refuse(() => graphErrors.invalid(res, 'Invalid conflict behavior.'));
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (!Number.isSafeInteger(declared) || declared < 0) return refuse(() => graphErrors.invalid(res, 'Content-Length is required.'));
    if (declared > SIMPLE_UPLOAD_LIMIT) return refuse(() => graphErrors.invalid(res, 'Use an upload session for files over 250 MB.'));
    const tempPath = join(this.store.directory, `simple-${randomBytes(12).toString('hex')}.part`);
    const hash = new ReferenceQuickXor();
    const handle = await open(tempPath, 'w');
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        await handle.write(chunk);
        hash.update(chunk);
        size += chunk.length;
      }
    } finally {
      await handle.close();
    }
    if (size !== declared) {
      await discardTemp(tempPath);
      return graphErrors.invalid(res, 'The body is shorter than Content-Length.');
    }
    const outcome = await commitUpload(
      this.store,
      { parentId: parent.id, name, behavior, description: null, tempPath, size, quickXorHash: hash.digestBase64() },
      this.controls,
    );
    if (outcome.kind !== 'created' && outcome.kind !== 'replaced') await discardTemp(tempPath);
    switch (outcome.kind) {
      case 'created':
        return sendJson(res, 201, driveItemResource(this.store, outcome.item));
      case 'replaced':
        return sendJson(res, 200, driveItemResource(this.store, outcome.item));
      case 'conflict':
        return graphErrors.nameAlreadyExists(res);
      case 'quota':
        return graphErrors.quotaLimitReached(res);
      case 'parent-gone':
        return graphErrors.notFound(res);
    }
  }
}
