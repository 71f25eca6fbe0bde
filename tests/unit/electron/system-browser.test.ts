import { beforeEach, describe, expect, it } from 'vitest';
import { systemBrowser } from '../../../src-main/electron/system-browser';
import { resetElectronDouble, shell } from '../../support/electron-double';

describe('the system browser launcher', () => {
  beforeEach(() => resetElectronDouble());

  it('opens http(s) sign-in pages in the person’s browser', async () => {
    await systemBrowser.open('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x');
    await systemBrowser.open('http://nextcloud.local/index.php/login/v2/flow/abc');
    expect(shell.openedExternal).toEqual([
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x',
      'http://nextcloud.local/index.php/login/v2/flow/abc',
    ]);
  });

  it.each(['file:///etc/passwd', 'smb://server/share', 'docuvault://oauth/microsoft', 'javascript:alert(1)', 'ms-settings:privacy', 'not a url'])(
    'refuses %s and opens nothing',
    async (url) => {
      await expect(systemBrowser.open(url)).rejects.toThrow(/Only web addresses/);
      expect(shell.openedExternal).toEqual([]);
    },
  );
});
