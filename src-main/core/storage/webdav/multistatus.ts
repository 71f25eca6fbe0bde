import { clark, DAV_NS, type PropName } from './dav-properties';
import { childrenNamed, firstChild, parseXml, XmlSyntaxError, type XmlElement } from './xml-tree';

/** One <response> of a 207 Multi-Status answer. */
export interface DavResource {
  /** The href's path, percent-decoded (servers differ on absolute vs path-only hrefs). */
  readonly path: string;
  /** Properties the server answered with a 2xx status, keyed in Clark notation. */
  readonly found: ReadonlyMap<string, XmlElement>;
  /** Properties the server refused or does not know, with their status. */
  readonly failed: ReadonlyMap<string, number>;
  /** Status of the whole response when the server gave one instead of propstats. */
  readonly status: number | null;
}

export function parseMultistatus(xml: string): DavResource[] {
  const root = parseXml(xml);
  if (root.namespace !== DAV_NS || root.local !== 'multistatus') throw new XmlSyntaxError('not a multistatus answer');
  return childrenNamed(root, DAV_NS, 'response').map(readResponse);
}

function readResponse(response: XmlElement): DavResource {
  const href = firstChild(response, DAV_NS, 'href')?.text.trim() ?? '';
  const found = new Map<string, XmlElement>();
  const failed = new Map<string, number>();
  for (const propstat of childrenNamed(response, DAV_NS, 'propstat')) {
    const status = parseStatusLine(firstChild(propstat, DAV_NS, 'status')?.text) ?? 200;
    for (const prop of childrenNamed(propstat, DAV_NS, 'prop')) {
      for (const property of prop.children) {
        const key = clark(property);
        if (status >= 200 && status < 300) found.set(key, property);
        else failed.set(key, status);
      }
    }
  }
  const statusElement = firstChild(response, DAV_NS, 'status');
  return { path: hrefPath(href), found, failed, status: statusElement ? parseStatusLine(statusElement.text) : null };
}

/** "HTTP/1.1 404 Not Found" → 404. */
function parseStatusLine(line: string | undefined): number | null {
  const match = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(line ?? '');
  return match ? Number(match[1]) : null;
}

function hrefPath(href: string): string {
  let path = href;
  try {
    path = new URL(href, 'http://base.invalid').pathname;
  } catch {
    /* keep the raw href */
  }
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Text of a found property, or undefined when the server did not return it. */
export function propText(resource: DavResource, name: PropName): string | undefined {
  return resource.found.get(clark(name))?.text.trim();
}

export function isCollection(resource: DavResource): boolean {
  const type = resource.found.get(clark({ namespace: DAV_NS, local: 'resourcetype' }));
  return !!type && type.children.some((child) => child.namespace === DAV_NS && child.local === 'collection');
}

/** A non-negative integer property (sizes, quotas); null when absent, negative or malformed. */
export function propCount(resource: DavResource, name: PropName): number | null {
  const text = propText(resource, name);
  if (text === undefined || !/^-?\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

// ---- request bodies -------------------------------------------------------

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Gives every namespace used a prefix, DAV: always as "d". */
function prefixes(names: readonly PropName[]): Map<string, string> {
  const map = new Map<string, string>([[DAV_NS, 'd']]);
  for (const name of names) if (!map.has(name.namespace)) map.set(name.namespace, `n${map.size}`);
  return map;
}

function declarations(map: ReadonlyMap<string, string>): string {
  return [...map].map(([namespace, prefix]) => ` xmlns:${prefix}="${escapeXml(namespace)}"`).join('');
}

export function propfindBody(names: readonly PropName[]): string {
  const map = prefixes(names);
  const props = names.map((name) => `<${map.get(name.namespace)}:${name.local}/>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><d:propfind${declarations(map)}><d:prop>${props}</d:prop></d:propfind>`;
}

export function proppatchBody(values: ReadonlyArray<{ name: PropName; value: string }>): string {
  const map = prefixes(values.map((v) => v.name));
  const props = values
    .map(({ name, value }) => {
      const tag = `${map.get(name.namespace)}:${name.local}`;
      return `<${tag}>${escapeXml(value)}</${tag}>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><d:propertyupdate${declarations(map)}><d:set><d:prop>${props}</d:prop></d:set></d:propertyupdate>`;
}
