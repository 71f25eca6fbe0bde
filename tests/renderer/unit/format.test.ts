import { describe, expect, it } from 'vitest';
import { backendLabel, describeType, formatBytes } from '../../../src-renderer/ui/format';
import { documentKind } from '../../../src-renderer/features/common/document-kind';

describe('formatting', () => {
  it('writes sizes the way file managers do', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(532)).toBe('532 B');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(24_000)).toBe('24 KB');
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(345_600_000)).toBe('346 MB');
    expect(formatBytes(5_000_000_000)).toBe('5 GB');
  });

  it('names content types for people', () => {
    expect(describeType('application/pdf')).toBe('PDF');
    expect(describeType('image/png')).toBe('PNG image');
    expect(describeType('text/plain; charset=utf-8')).toBe('Plain text');
    expect(describeType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word document');
    expect(describeType('application/x-custom')).toBe('CUSTOM');
  });

  it('names backends', () => {
    expect(backendLabel('local')).toBe('Local vault');
    expect(backendLabel('google_drive')).toBe('Google Drive');
  });

  it('picks a preview for each content type', () => {
    expect(documentKind('application/pdf')).toBe('pdf');
    expect(documentKind('image/jpeg')).toBe('image');
    expect(documentKind('image/tiff')).toBe('other');
    expect(documentKind('text/csv; charset=utf-8')).toBe('text');
    expect(documentKind('application/json')).toBe('text');
    expect(documentKind('application/zip')).toBe('other');
  });
});
