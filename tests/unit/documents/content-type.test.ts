import { describe, expect, it } from 'vitest';
import { detectContentType } from '../../../src-main/core/documents/content-type';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n');
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('detectContentType', () => {
  it('trusts the bytes over the extension', async () => {
    expect(await detectContentType(PNG, 'photo.png')).toBe('image/png');
    expect(await detectContentType(PNG, 'photo.txt')).toBe('image/png');
    expect(await detectContentType(PDF, 'scan.bin')).toBe('application/pdf');
  });

  it('does not believe an extension the bytes contradict', async () => {
    expect(await detectContentType(new Uint8Array([0, 1, 2, 3, 0, 255]), 'notes.txt')).toBe('application/octet-stream');
    expect(await detectContentType(ZIP, 'report.pdf')).not.toBe('application/pdf');
  });

  it('uses the extension to name text formats', async () => {
    const text = new TextEncoder().encode('a,b\n1,2\n');
    expect(await detectContentType(text, 'data.csv')).toBe('text/csv');
    expect(await detectContentType(text, 'README')).toBe('text/plain');
    expect(await detectContentType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'logo.svg')).toBe(
      'image/svg+xml',
    );
  });

  it('handles empty files', async () => {
    expect(await detectContentType(new Uint8Array(), 'empty.txt')).toBe('text/plain');
    expect(await detectContentType(new Uint8Array(), 'empty')).toBe('application/octet-stream');
  });
});
