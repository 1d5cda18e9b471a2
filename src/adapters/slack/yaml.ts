const isBlock = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);

/** Strings double-quoted: JSON's string syntax is valid YAML, so no value is ever misread as a number or bool. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value ?? null);
}

const key = (name: string): string => (/^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name));

function block(value: object, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (!isBlock(item)) return [`${indent}- ${inline(item)}`];
      const [first = '', ...rest] = block(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .flatMap(([name, item]) => (isBlock(item) ? [`${indent}${key(name)}:`, ...block(item, `${indent}  `)] : [`${indent}${key(name)}: ${inline(item)}`]));
}

/** A small YAML writer for plain JSON-like data (the Slack manifest): block style, two-space indent. */
export function toYaml(value: object): string {
  return `${block(value, '').join('\n')}\n`;
}
