// Holds manifest.yml to Slack's published manifest JSON schema. The schema is Slack's, not
// ours, so it is not kept in this repository: bring slackapi/manifest-schema and pass the
// path of its schemas/manifest.schema.1.0.0.json. `npm test` checks the same fields against
// the limits Slack documents (tests/manifest/manifest-rules.ts).
//
//   npx tsx scripts/check-manifest.ts path/to/manifest.schema.1.0.0.json

import { readFileSync } from 'node:fs';
import { validateJsonSchema } from '../devkit/json-schema.js';
import { parseManifestYaml } from '../devkit/manifest-yaml.js';

const schemaPath = process.argv[2];
if (!schemaPath) {
  process.stderr.write('Usage: npx tsx scripts/check-manifest.ts <manifest.schema.json>\n');
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
const manifest = parseManifestYaml(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8'));
const problems = validateJsonSchema(schema, manifest);
process.stdout.write(
  problems.length === 0 ? 'manifest.yml conforms to the schema.\n' : `${problems.join('\n')}\n`,
);
process.exit(problems.length === 0 ? 0 : 1);
