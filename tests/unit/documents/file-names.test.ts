import { describe, expect, it } from 'vitest';
import { exportFileName, nameKey, normalizeDisplayName, numberedName } from '../../../src-main/core/documents/file-names';

describe('normalizeDisplayName', () => {
  it('keeps what names mean: Unicode, spaces, emoji', () => {
    expect(normalizeDisplayName('Relevé de compte – 2024 🧾.pdf')).toBe('Relevé de compte – 2024 🧾.pdf');
    expect(normalizeDisplayName('  many   spaces  .txt ')).toBe('many spaces .txt');
  });

  it('composes to NFC so the same name typed two ways is one name', () => {
    expect(normalizeDisplayName('Cafe\u0301.txt')).toBe('Caf\u00e9.txt');
  });

  it('removes NUL, control characters and bidi overrides that disguise extensions', () => {
    expect(normalizeDisplayName('a\u0000b\u0007c\u009f.txt')).toBe('abc.txt');
    expect(normalizeDisplayName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(normalizeDisplayName('x\u2066y\u2069.pdf')).toBe('xy.pdf');
  });

  it('caps 1,000-character names at 255 characters, keeping the extension', () => {
    const name = normalizeDisplayName(`${'a'.repeat(1000)}.pdf`);
    expect(Array.from(name)).toHaveLength(255);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('gives a fallback for names with nothing left', () => {
    expect(normalizeDisplayName('\u0000\u0001  ')).toBe('Untitled');
  });
});

describe('exportFileName', () => {
  const hostile: Array<[string, string]> = [
    ['../../x', '__.._x'],
    ['C:\\Windows\\system32', 'C__Windows_system32'],
    ['../../evil<>:"|?*.txt', '__.._evil_______.txt'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['name. . .', 'name'],
    ['.bashrc', '_bashrc'],
    ['a/b\\c', 'a_b_c'],
  ];
  it.each(hostile)('makes %j safe as %j', (input, expected) => {
    expect(exportFileName(input)).toBe(expected);
  });

  it('never contains a separator, a forbidden character or a control character', () => {
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    for (const [input] of hostile) expect(exportFileName(input)).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
  });

  it('stays within 200 UTF-8 bytes and keeps the extension', () => {
    const name = exportFileName(`${'é'.repeat(500)}.pdf`);
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('never returns an empty name', () => {
    expect(exportFileName('...')).toBe('document');
    expect(exportFileName('\u202E')).toBe('document');
    expect(exportFileName('_')).toBe('document');
  });
});

describe('nameKey and numberedName', () => {
  it('compares names without case or Unicode form', () => {
    expect(nameKey('REPORT.pdf')).toBe(nameKey('report.PDF'));
    expect(nameKey('ﬁle.txt')).toBe(nameKey('file.txt'));
  });

  it('numbers a taken name before its extension', () => {
    expect(numberedName('report.pdf', 2)).toBe('report (2).pdf');
    expect(numberedName('.env', 3)).toBe('.env (3)');
  });
});
