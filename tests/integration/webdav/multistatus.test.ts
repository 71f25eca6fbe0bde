import { describe, expect, it } from 'vitest';
import { DOCUVAULT_NS, PROPS } from '../../../src-main/core/storage/webdav/dav-properties';
import { isCollection, parseMultistatus, propCount, propfindBody, proppatchBody, propText } from '../../../src-main/core/storage/webdav/multistatus';
import { parseXml, XmlSyntaxError } from '../../../src-main/core/storage/webdav/xml-tree';

describe('reading WebDAV answers', () => {
  it('keeps the found properties when the server lists the missing ones first', () => {
    const [resource] = parseMultistatus(`<?xml version="1.0" encoding="utf-8"?>
      <d:multistatus xmlns:d="DAV:" xmlns:x="${DOCUVAULT_NS}">
        <d:response>
          <d:href>/dav/DocuVault/a%20b.txt</d:href>
          <d:propstat><d:prop><d:quota-used-bytes/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
          <d:propstat>
            <d:prop><d:getcontentlength>42</d:getcontentlength><x:sha256>00ff</x:sha256><d:resourcetype/></d:prop>
            <d:status>HTTP/1.1 200 OK</d:status>
          </d:propstat>
        </d:response>
      </d:multistatus>`);
    expect(resource?.path).toBe('/dav/DocuVault/a b.txt');
    expect(propCount(resource!, PROPS.contentLength)).toBe(42);
    expect(propText(resource!, PROPS.sha256)).toBe('00ff');
    expect(resource?.failed.get('{DAV:}quota-used-bytes')).toBe(404);
    expect(isCollection(resource!)).toBe(false);
  });

  it('resolves namespaces however the server spells them (default namespace, other prefixes, absolute hrefs)', () => {
    const [resource] = parseMultistatus(`<multistatus xmlns="DAV:"><response>
      <href>http://host:8080/remote.php/dav/files/alice/Docu%C3%A9/</href>
      <propstat><prop><resourcetype><collection/></resourcetype>
        <quota-available-bytes>-3</quota-available-bytes>
        <sha256 xmlns="${DOCUVAULT_NS}">abc</sha256></prop>
      <status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`);
    expect(resource?.path).toBe('/remote.php/dav/files/alice/Docué/');
    expect(isCollection(resource!)).toBe(true);
    // Negative quota means unknown or unlimited.
    expect(propCount(resource!, PROPS.quotaAvailable)).toBeNull();
    expect(propText(resource!, PROPS.sha256)).toBe('abc');
  });

  it('decodes entities and CDATA, and keeps text as text (no number parsing)', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a xmlns="urn:x">&lt;1&amp;2&gt; &#x41;&#66;<![CDATA[<raw>]]><b/>007</a>');
    expect(root.text).toBe('<1&2> AB<raw>007');
    expect(root.children.map((child) => child.local)).toEqual(['b']);
  });

  it('refuses DTDs, undeclared prefixes and broken documents', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<p:a/>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a><b></a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a>&unknown;</a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a/><b/>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('text only')).toThrow(XmlSyntaxError);
    expect(() => parseMultistatus('<a/>')).toThrow(XmlSyntaxError);
  });

  it('writes request bodies with declared namespaces and escaped values', () => {
    const propfind = parseXml(propfindBody([PROPS.contentLength, PROPS.documentId]));
    expect(propfind.children[0]?.children.map((child) => `${child.namespace}${child.local}`)).toEqual([
      'DAV:getcontentlength',
      `${DOCUVAULT_NS}document-id`,
    ]);
    const patch = parseXml(proppatchBody([{ name: PROPS.documentId, value: '<id & "more">' }]));
    expect(patch.children[0]?.children[0]?.children[0]?.text).toBe('<id & "more">');
  });
});
