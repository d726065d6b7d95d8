// A small JSON Schema (draft-07) checker for the keywords Slack's manifest schema uses, so a
// test can hold manifest.yml to Slack's own rules without a new dependency. A keyword it does
// not know fails loudly rather than passing quietly.

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  '$ref',
  'title',
  'description',
  'default',
  '_note',
  'definitions',
  'format',
  'regex',
  'requires',
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'enum',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minProperties',
  'maxProperties',
  'anyOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  const types = Array.isArray(expected) ? expected : [expected];
  const actual = typeOf(value);
  return types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

/** Every place `value` breaks `schema`, as "path: why"; empty when it conforms. */
export function validateJsonSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const name = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
    const found = name === undefined ? undefined : (root.definitions as Record<string, Schema>)[name];
    if (found === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return found;
  };
  const check = (schema: Schema, data: unknown, path: string): void => {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`unsupported keyword ${key}`);
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), data, path);
    const fail = (why: string) => errors.push(`${path || '/'}: ${why}`);
    if (schema.type !== undefined && !typeMatches(schema.type, data)) {
      fail(`expected ${JSON.stringify(schema.type)}, got ${typeOf(data)}`);
      return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(data))
      fail(`not one of ${schema.enum.join(', ')}`);
    if (Array.isArray(schema.anyOf)) {
      const before = errors.length;
      const fits = schema.anyOf.some(
        (option) => validateJsonSchema({ ...root, ...(option as Schema) }, data).length === 0,
      );
      errors.length = before;
      if (!fits) fail('matches none of anyOf');
    }
    if (typeof data === 'string') {
      const length = Array.from(data).length;
      if (typeof schema.minLength === 'number' && length < schema.minLength)
        fail(`shorter than ${schema.minLength}`);
      if (typeof schema.maxLength === 'number' && length > schema.maxLength)
        fail(`longer than ${schema.maxLength}`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(data))
        fail(`does not match ${schema.pattern}`);
    }
    if (Array.isArray(data)) {
      if (typeof schema.minItems === 'number' && data.length < schema.minItems)
        fail(`fewer than ${schema.minItems} items`);
      if (typeof schema.maxItems === 'number' && data.length > schema.maxItems)
        fail(`more than ${schema.maxItems} items`);
      if (
        schema.uniqueItems === true &&
        new Set(data.map((item) => JSON.stringify(item))).size !== data.length
      )
        fail('items are not unique');
      if (typeof schema.items === 'object' && schema.items !== null) {
        const items = schema.items as Schema;
        data.forEach((item, index) => {
          check(items, item, `${path}/${index}`);
        });
      }
    }
    if (typeOf(data) === 'object') {
      const object = data as Record<string, unknown>;
      const keys = Object.keys(object);
      if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties)
        fail('too few properties');
      if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties)
        fail('too many properties');
      for (const name of Array.isArray(schema.required) ? schema.required : [])
        if (!(name in object)) fail(`missing ${String(name)}`);
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
      for (const key of keys) {
        const at = `${path}/${key}`;
        let matched = false;
        if (Object.hasOwn(properties, key)) {
          matched = true;
          check(properties[key] as Schema, object[key], at);
        }
        for (const [pattern, sub] of patterns) {
          if (new RegExp(pattern, 'u').test(key)) {
            matched = true;
            check(sub, object[key], at);
          }
        }
        if (!matched && schema.additionalProperties === false) fail(`unknown property ${key}`);
        else if (!matched && typeof schema.additionalProperties === 'object')
          check(schema.additionalProperties as Schema, object[key], at);
      }
    }
  };
  check(root, value, '');
  return errors;
}
