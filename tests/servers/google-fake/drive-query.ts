import type { StoredFile } from './drive-store';

/** A `q` the fake does not understand (or Drive would refuse): answered 400 invalid, location q. */
export class InvalidQueryError extends Error {}

type Token = { kind: 'string'; value: string } | { kind: 'word'; value: string } | { kind: 'symbol'; value: string };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const char = q[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new InvalidQueryError('Unterminated string in q');
        const c = q[i]!;
        if (c === '\\') {
          value += q[i + 1] ?? '';
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', value });
    } else if (q.startsWith('!=', i)) {
      tokens.push({ kind: 'symbol', value: '!=' });
      i += 2;
    } else if ('={}()'.includes(char)) {
      tokens.push({ kind: 'symbol', value: char });
      i++;
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i));
      if (!word) throw new InvalidQueryError(`Unexpected "${char}" in q`);
      tokens.push({ kind: 'word', value: word[0] });
      i += word[0].length;
    }
  }
  return tokens;
}

export type FilePredicate = (file: StoredFile) => boolean;

/**
 * Compiles the subset of Drive's search syntax the app uses:
 *   name = '…' | name != '…' | mimeType = '…' | mimeType != '…' | trashed = true|false
 *   '<id>' in parents
 *   appProperties has { key='…' and value='…' }
 * joined with `and`, with parentheses. Anything else is refused like Drive refuses a bad q.
 */
export function compileQuery(q: string, resolveId: (id: string) => string): FilePredicate {
  const tokens = tokenize(q);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (!token) throw new InvalidQueryError('Unexpected end of q');
    return token;
  };
  const expect = (kind: Token['kind'], value?: string): Token => {
    const token = next();
    if (token.kind !== kind || (value !== undefined && token.value !== value)) {
      throw new InvalidQueryError(`Expected ${value ?? kind} in q, found "${token.value}"`);
    }
    return token;
  };
  const stringValue = () => expect('string').value;

  const clause = (): FilePredicate => {
    const token = next();
    if (token.kind === 'symbol' && token.value === '(') {
      const inner = conjunction();
      expect('symbol', ')');
      return inner;
    }
    if (token.kind === 'string') {
      expect('word', 'in');
      expect('word', 'parents');
      const parent = resolveId(token.value);
      return (file) => file.parents.includes(parent);
    }
    if (token.kind === 'word' && token.value === 'appProperties') {
      expect('word', 'has');
      expect('symbol', '{');
      expect('word', 'key');
      expect('symbol', '=');
      const key = stringValue();
      expect('word', 'and');
      expect('word', 'value');
      expect('symbol', '=');
      const value = stringValue();
      expect('symbol', '}');
      return (file) => file.appProperties[key] === value;
    }
    if (token.kind === 'word' && (token.value === 'name' || token.value === 'mimeType')) {
      const operator = expect('symbol').value;
      if (operator !== '=' && operator !== '!=') throw new InvalidQueryError(`Operator ${operator} is not supported by this fake`);
      const value = stringValue();
      const field = token.value;
      return operator === '=' ? (file) => file[field] === value : (file) => file[field] !== value;
    }
    if (token.kind === 'word' && token.value === 'trashed') {
      const operator = expect('symbol').value;
      const literal = expect('word').value;
      if (literal !== 'true' && literal !== 'false') throw new InvalidQueryError('trashed compares with true or false');
      const wanted = (literal === 'true') === (operator === '=');
      return (file) => file.trashed === wanted;
    }
    throw new InvalidQueryError(`"${token.value}" is not supported in q by this fake`);
  };

  const conjunction = (): FilePredicate => {
    const parts = [clause()];
    while (peek()?.kind === 'word' && peek()!.value === 'and') {
      position++;
      parts.push(clause());
    }
    return (file) => parts.every((part) => part(file));
  };

  const predicate = conjunction();
  if (position !== tokens.length) throw new InvalidQueryError(`Unexpected "${tokens[position]!.value}" in q`);
  return predicate;
}
