import { migration001Initial } from './001-initial';
import { migration002NameSearch } from './002-name-search';
import { migration003Connections } from './003-connections';
import { migration004ListingIndexes } from './004-listing-indexes';
import type { Migration } from './migration';

/** Every migration, in order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002NameSearch, migration003Connections, migration004ListingIndexes];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
