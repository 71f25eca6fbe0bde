import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { UploadBatchDto } from '../../../src-shared/domain';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { EventBus } from '../util/event-bus';
import type { UploadManager } from './upload-manager';

const OFFER_TTL_MS = 10 * 60 * 1000;

interface Offer {
  readonly paths: readonly string[];
  readonly expiresAt: number;
}

/**
 * Files handed to the app by the operating system (dropped on the dock icon,
 * "Open with DocuVault", command-line paths). The window is asked where to put
 * them; it sees their names and an offer id, never their paths.
 */
export class OfferedFiles {
  private readonly offers = new Map<string, Offer>();

  constructor(
    private readonly deps: { uploads: UploadManager; events: EventBus; clock: Clock },
  ) {}

  offer(paths: readonly string[]): string | null {
    const files = paths.filter((p) => p.length > 0);
    if (files.length === 0) return null;
    const now = this.deps.clock.now().getTime();
    for (const [id, offer] of this.offers) if (offer.expiresAt <= now) this.offers.delete(id);
    const offerId = randomUUID();
    this.offers.set(offerId, { paths: files, expiresAt: now + OFFER_TTL_MS });
    this.deps.events.emit('files:offered', { offerId, names: files.map((p) => basename(p)) });
    return offerId;
  }

  async accept(offerId: string, folderId: string): Promise<UploadBatchDto> {
    const offer = this.offers.get(offerId);
    this.offers.delete(offerId);
    if (!offer || offer.expiresAt <= this.deps.clock.now().getTime()) {
      throw new AppError('NOT_FOUND', 'Those files are no longer waiting to be uploaded. Open them again.');
    }
    return (await this.deps.uploads.start(folderId, offer.paths.map((path) => ({ kind: 'path' as const, path })))).batch;
  }

  /** Offers not yet answered, for a window that subscribed after they were announced. */
  pending(): Array<{ offerId: string; names: string[] }> {
    const now = this.deps.clock.now().getTime();
    return [...this.offers]
      .filter(([, offer]) => offer.expiresAt > now)
      .map(([offerId, offer]) => ({ offerId, names: offer.paths.map((p) => basename(p)) }));
  }

  decline(offerId: string): boolean {
    return this.offers.delete(offerId);
  }
}
