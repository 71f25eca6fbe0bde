import { describe, expect, it } from 'vitest';
import { checkOwnKey, documentKeyPrefix, objectKeyFor, sanitiseObjectName } from '../../../src-main/core/storage/s3/object-key';
import { windowForRange } from '../../../src-main/core/storage/s3/range-window';

const ID = '3f2b8c1e-9d4a-4f6b-8e2d-1a5c7b9e0f12';

describe('S3 object keys', () => {
  it('keeps Unicode, normalised to NFC, and drops control characters and path separators', () => {
    expect(sanitiseObjectName('Re\u0301sume\u0301 😀 (final) #1 ?&%.pdf')).toBe('Résumé 😀 (final) #1 ?&%.pdf');
    expect(sanitiseObjectName('tax\u0000es\u001f\u007f\u0085 2024.pdf')).toBe('taxes 2024.pdf');
    expect(sanitiseObjectName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(sanitiseObjectName('C:\\Users\\me\\a.pdf')).toBe('C:_Users_me_a.pdf');
  });

  it('never produces an empty, "." or ".." segment', () => {
    for (const name of ['', '   ', '.', '..', '...', '\u0000\u0001']) expect(sanitiseObjectName(name)).toBe('document');
  });

  it('limits names to 200 UTF-8 bytes by whole graphemes, keeping the extension', () => {
    const long = `${'👨‍👩‍👧‍👦'.repeat(20)}${'é'.repeat(100)}.pdf`;
    const short = sanitiseObjectName(long);
    expect(Buffer.byteLength(short)).toBeLessThanOrEqual(200);
    expect(short.endsWith('.pdf')).toBe(true);
    // Every family emoji that survived is whole (25 bytes each); no broken surrogate or joiner sequence.
    expect(short.replace(/\.pdf$/, '')).toMatch(/^(👨‍👩‍👧‍👦)*é*$/u);
    expect(sanitiseObjectName(`${'a'.repeat(300)}.${'x'.repeat(40)}`)).toBe('a'.repeat(200));
  });

  it('builds <prefix>/<document id>/<name>, lower-casing the id, and refuses ids that are not UUIDs', () => {
    expect(objectKeyFor('DocuVault', ID.toUpperCase(), 'a.pdf')).toBe(`DocuVault/${ID}/a.pdf`);
    expect(objectKeyFor('', ID, 'a.pdf')).toBe(`${ID}/a.pdf`);
    expect(documentKeyPrefix('Team/Docs', ID)).toBe(`Team/Docs/${ID}/`);
    expect(() => documentKeyPrefix('DocuVault', '')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => objectKeyFor('DocuVault', `${ID}/..`, 'a.pdf')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('accepts only keys of its own layout under its own prefix', () => {
    expect(checkOwnKey('DocuVault', `DocuVault/${ID}/a.pdf`)).toBe(`DocuVault/${ID}/a.pdf`);
    expect(checkOwnKey('', `${ID}/a.pdf`)).toBe(`${ID}/a.pdf`);
    for (const key of [`Other/${ID}/a.pdf`, `DocuVault/${ID}`, `DocuVault/${ID}/`, `DocuVault/${ID}/a/b.pdf`, `DocuVault/${ID}/..`, `DocuVaultX/${ID}/a.pdf`, `DocuVault/${ID}/a\n.pdf`]) {
      expect(() => checkOwnKey('DocuVault', key)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
  });
});

describe('range windows', () => {
  const range = { start: 3, end: 6 };
  it('passes an exact 206 answer through untouched', () => {
    expect(windowForRange({ statusCode: 206, headers: { 'content-range': 'bytes 3-6/10' } }, range)).toBeNull();
    // A range running past the end is answered up to the last byte: nothing to trim.
    expect(windowForRange({ statusCode: 206, headers: { 'content-range': 'bytes 3-4/5' } }, { start: 3, end: 99 })).toBeNull();
  });

  it('trims a wider answer: a 200 with the whole object, or a 206 starting earlier', () => {
    expect(windowForRange({ statusCode: 200, headers: {} }, range)).toEqual({ skip: 3, length: 4 });
    expect(windowForRange({ statusCode: 206, headers: { 'content-range': 'bytes 0-9/10' } }, { start: 0, end: 0 })).toEqual({ skip: 0, length: 1 });
  });

  it('refuses an answer that starts after the requested range or does not describe itself', () => {
    expect(() => windowForRange({ statusCode: 206, headers: { 'content-range': 'bytes 4-6/10' } }, range)).toThrow(
      expect.objectContaining({ code: 'BACKEND_UNAVAILABLE' }),
    );
    expect(() => windowForRange({ statusCode: 206, headers: {} }, range)).toThrow(expect.objectContaining({ code: 'BACKEND_UNAVAILABLE' }));
  });
});
