import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const OBJECT_SUFFIX = '._S3rver_object';

/**
 * The objects s3rver holds in a bucket, read from its directory: key → bytes.
 * s3rver stores an object `a/b/c.txt` as `<directory>/<bucket>/a/b/c.txt._S3rver_object`.
 */
export async function s3rverObjects(directory: string, bucket: string): Promise<Map<string, Buffer>> {
  const root = join(directory, bucket);
  const objects = new Map<string, Buffer>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(OBJECT_SUFFIX)) {
        objects.set(relative(root, path).slice(0, -OBJECT_SUFFIX.length).split(sep).join('/'), await readFile(path));
      }
    }
  };
  await walk(root);
  return objects;
}
