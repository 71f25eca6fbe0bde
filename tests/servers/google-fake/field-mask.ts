/** A parsed `fields` parameter: each selected name, with its own sub-selection or null for "all of it". */
export type FieldMask = Map<string, FieldMask | null>;

export class InvalidFieldMaskError extends Error {}

/** Parses `id,name,files(id,size),user/emailAddress` (a practical subset of Google's partial-response syntax). */
export function parseFieldMask(text: string): FieldMask {
  let position = 0;
  const parseList = (): FieldMask => {
    const mask: FieldMask = new Map();
    for (;;) {
      const match = /^\s*([A-Za-z_*][A-Za-z0-9_]*)\s*/.exec(text.slice(position));
      if (!match) throw new InvalidFieldMaskError(`Invalid field selection at ${position}`);
      position += match[0].length;
      const name = match[1]!;
      let sub: FieldMask | null = null;
      if (text[position] === '(') {
        position++;
        sub = parseList();
        if (text[position] !== ')') throw new InvalidFieldMaskError('Unbalanced parentheses in fields');
        position++;
      } else if (text[position] === '/') {
        position++;
        sub = parseList();
      }
      mask.set(name, merge(mask.get(name), sub));
      while (text[position] === ' ') position++;
      if (text[position] !== ',') return mask;
      position++;
    }
  };
  const mask = parseList();
  if (position !== text.length) throw new InvalidFieldMaskError(`Unexpected "${text.slice(position)}" in fields`);
  return mask;
}

function merge(a: FieldMask | null | undefined, b: FieldMask | null): FieldMask | null {
  if (a === undefined) return b;
  if (a === null || b === null) return null;
  const merged: FieldMask = new Map(a);
  for (const [key, value] of b) merged.set(key, merge(merged.get(key), value));
  return merged;
}

/** Keeps only the selected members (recursively; arrays are filtered element by element). */
export function applyFieldMask(value: unknown, mask: FieldMask | null): unknown {
  if (mask === null || mask.has('*')) return value;
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, mask));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = applyFieldMask(member, sub);
  }
  return out;
}

/** `fields` if given, else what the Drive API returns by default for that resource. */
export function maskFor(fields: string | null, defaults: string): FieldMask {
  return parseFieldMask(fields && fields.trim() !== '' ? fields : defaults);
}
