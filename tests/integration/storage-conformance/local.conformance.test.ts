import { join } from 'node:path';
import { LocalBackend } from '../../../src-main/core/storage/local-backend';
import { makeTempDir } from '../../support/temp-dir';
import { describeBackendConformance } from './conformance';

describeBackendConformance(
  'local vault',
  async () => {
    const dir = await makeTempDir();
    const backend = new LocalBackend(join(dir.path, 'vault'));
    await backend.init();
    return { backend, cleanup: dir.remove };
  },
  { network: false },
);
