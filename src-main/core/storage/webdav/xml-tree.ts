/**
 * A small, namespace-aware XML reader for WebDAV answers (multistatus, OCS).
 *
 * Why not a library: the `webdav` client's parser folds several <propstat>
 * blocks into the first one, which loses the found properties whenever a
 * server lists the not-found ones first. DAV answers only need elements, text
 * and namespaces, so this reader supports exactly that and refuses DTDs (no
 * entity expansion from an untrusted server, ever).
 */

export interface XmlElement {
  /** Namespace URI ('' when none). */
  readonly namespace: string;
  readonly local: string;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const MAX_DEPTH = 64;
const NAME_END = /[\s/>=]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface OpenElement {
  readonly element: XmlElement;
  readonly qname: string;
  readonly scope: ReadonlyMap<string, string>;
}

/** Parses a whole document and returns its root element. */
export function parseXml(source: string): XmlElement {
  const reader = new Reader(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  return reader.document();
}

class Reader {
  private pos = 0;
  private readonly stack: OpenElement[] = [];
  private root: XmlElement | null = null;

  constructor(private readonly src: string) {}

  document(): XmlElement {
    while (this.pos < this.src.length) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt < 0) {
        this.text(this.src.slice(this.pos));
        break;
      }
      if (lt > this.pos) this.text(this.src.slice(this.pos, lt));
      this.pos = lt;
      this.markup();
    }
    if (this.stack.length > 0) throw new XmlSyntaxError(`unclosed element <${this.stack.at(-1)!.qname}>`);
    if (!this.root) throw new XmlSyntaxError('no root element');
    return this.root;
  }

  private markup(): void {
    const src = this.src;
    if (src.startsWith('<?', this.pos)) {
      this.pos = this.after('?>');
    } else if (src.startsWith('<!--', this.pos)) {
      this.pos = this.after('-->');
    } else if (src.startsWith('<![CDATA[', this.pos)) {
      const end = this.indexOrFail(']]>', this.pos + 9);
      this.rawText(src.slice(this.pos + 9, end));
      this.pos = end + 3;
    } else if (src.startsWith('<!', this.pos)) {
      throw new XmlSyntaxError('document type declarations are not accepted');
    } else if (src.startsWith('</', this.pos)) {
      this.closeTag();
    } else {
      this.openTag();
    }
  }

  private openTag(): void {
    this.pos++;
    const qname = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      this.skipSpace();
      const c = this.src[this.pos];
      if (c === undefined) throw new XmlSyntaxError(`unterminated tag <${qname}>`);
      if (c === '>' || c === '/') break;
      const attrName = this.name();
      this.skipSpace();
      if (this.src[this.pos] !== '=') throw new XmlSyntaxError(`attribute ${attrName} has no value`);
      this.pos++;
      this.skipSpace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`attribute ${attrName} is not quoted`);
      const end = this.indexOrFail(quote, this.pos + 1);
      attributes.set(attrName, decodeEntities(this.src.slice(this.pos + 1, end)));
      this.pos = end + 1;
    }
    const selfClosing = this.src[this.pos] === '/';
    this.pos += selfClosing ? 1 : 0;
    if (this.src[this.pos] !== '>') throw new XmlSyntaxError(`malformed tag <${qname}>`);
    this.pos++;

    const parentScope = this.stack.at(-1)?.scope ?? new Map<string, string>([['xml', XML_NAMESPACE]]);
    const scope = withDeclarations(parentScope, attributes);
    const [prefix, local] = splitQName(qname);
    const namespace = scope.get(prefix);
    if (namespace === undefined) throw new XmlSyntaxError(`undeclared namespace prefix "${prefix}"`);
    const element: XmlElement = { namespace, local, children: [], text: '' };

    const parent = this.stack.at(-1);
    if (parent) parent.element.children.push(element);
    else if (this.root) throw new XmlSyntaxError('more than one root element');
    else this.root = element;

    if (!selfClosing) {
      if (this.stack.length >= MAX_DEPTH) throw new XmlSyntaxError('elements are nested too deeply');
      this.stack.push({ element, qname, scope });
    }
  }

  private closeTag(): void {
    this.pos += 2;
    const qname = this.name();
    this.skipSpace();
    if (this.src[this.pos] !== '>') throw new XmlSyntaxError(`malformed closing tag </${qname}>`);
    this.pos++;
    const open = this.stack.pop();
    if (!open || open.qname !== qname) throw new XmlSyntaxError(`unexpected closing tag </${qname}>`);
  }

  private text(raw: string): void {
    this.rawText(decodeEntities(raw));
  }

  private rawText(value: string): void {
    const open = this.stack.at(-1);
    if (open) open.element.text += value;
    else if (value.trim() !== '') throw new XmlSyntaxError('text outside the root element');
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.src.length && !NAME_END.test(this.src[this.pos]!)) this.pos++;
    if (this.pos === start) throw new XmlSyntaxError('expected a name');
    return this.src.slice(start, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  private after(token: string): number {
    return this.indexOrFail(token, this.pos) + token.length;
  }

  private indexOrFail(token: string, from: number): number {
    const index = this.src.indexOf(token, from);
    if (index < 0) throw new XmlSyntaxError(`expected "${token}"`);
    return index;
  }
}

function splitQName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function withDeclarations(parent: ReadonlyMap<string, string>, attributes: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let scope: Map<string, string> | null = null;
  for (const [name, value] of attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice(6), value);
  }
  if (scope) return scope;
  // The default namespace is "no namespace" unless declared.
  if (!parent.has('')) return new Map([...parent, ['', '']]);
  return parent;
}

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{1,10});/g, (_match, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return fromCodePoint(parseInt(entity.slice(1), 10));
    const value = PREDEFINED[entity];
    if (value === undefined) throw new XmlSyntaxError(`unknown entity &${entity};`);
    return value;
  });
}

function fromCodePoint(code: number): string {
  if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) throw new XmlSyntaxError('invalid character reference');
  return String.fromCodePoint(code);
}

/** Finds the direct children with this namespace and local name. */
export function childrenNamed(element: XmlElement, namespace: string, local: string): XmlElement[] {
  return element.children.filter((child) => child.namespace === namespace && child.local === local);
}

export function firstChild(element: XmlElement, namespace: string, local: string): XmlElement | undefined {
  return element.children.find((child) => child.namespace === namespace && child.local === local);
}
