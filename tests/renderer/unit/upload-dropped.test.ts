import { describe, expect, it } from 'vitest';
import { uploadDropped, type DropUploadPorts } from '../../../src-renderer/features/uploads/upload-dropped';
import type { FolderDto } from '../../../src-shared/domain';
import { fail, ok } from '../../../src-shared/result';

const folder = (id: string, name: string, parentId: string | null) => ({ id, name, parentId }) as FolderDto;
const file = (name: string) => new File(['x'], name);

describe('uploadDropped', () => {
  it('reports a folder it could neither create nor find, and still uploads the rest', async () => {
    const uploaded: [string, string[]][] = [];
    const ports: DropUploadPorts = {
      uploadFiles: async (folderId, files) => {
        uploaded.push([folderId, files.map((f) => f.name)]);
        return ok({ batchId: 'b', items: [] });
      },
      createFolder: async (name, parentId) =>
        name === 'Deep' ? fail('VALIDATION', 'Folders can be nested 8 levels deep at most.') : ok(folder(`new-${name}`, name, parentId)),
      listFolders: async () => ok([]),
    };
    const problems = await uploadDropped(
      {
        files: [file('top.pdf')],
        folders: [
          { name: 'Deep', files: [file('lost.pdf')], folders: [] },
          { name: 'Fine', files: [file('kept.pdf')], folders: [] },
        ],
      },
      'root',
      ports,
    );
    expect(problems).toEqual([{ code: 'VALIDATION', message: 'Folders can be nested 8 levels deep at most.' }]);
    expect(uploaded).toEqual([
      ['root', ['top.pdf']],
      ['new-Fine', ['kept.pdf']],
    ]);
  });

  it('reuses the existing same-named child on CONFLICT, matching names without regard to case', async () => {
    const uploaded: string[] = [];
    const ports: DropUploadPorts = {
      uploadFiles: async (folderId) => {
        uploaded.push(folderId);
        return ok({ batchId: 'b', items: [] });
      },
      createFolder: async () => fail('CONFLICT', 'A folder named “photos” already exists here.'),
      listFolders: async () => ok([folder('elsewhere', 'photos', 'other-parent'), folder('existing', 'Photos', 'root')]),
    };
    const problems = await uploadDropped({ files: [], folders: [{ name: 'photos', files: [file('a.jpg')], folders: [] }] }, 'root', ports);
    expect(problems).toEqual([]);
    expect(uploaded).toEqual(['existing']);
  });
});
