// Checks JSON answers of minqing's Open311 GeoReport v2 interface against the JSON Schema fixture
// (src/http/testdata/open311/georeport-v2.schema.json) with ajv. Usage:
//   node validate-open311.mjs SCHEMA FILE...
// Each FILE is named "<definition>-<anything>.json", where <definition> is one of the schema's
// $defs (discovery, services, service_definition, requests, post_answer, tokens, errors).
// Prints every failure and exits 1 when one answer does not validate.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: validate-open311.mjs SCHEMA FILE...');
  process.exit(2);
}
// strictRequired off: the POST answer requires one of two declared properties through anyOf.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addSchema(JSON.parse(readFileSync(schemaPath, 'utf8')));
const id = 'https://minqing.example/schemas/georeport-v2.json';
let failed = 0;
for (const file of files) {
  const definition = basename(file).replace(/-[^-]*\.json$/, '');
  const validate = ajv.getSchema(`${id}#/$defs/${definition}`);
  if (!validate) {
    console.error(`${file}: no definition ${definition}`);
    failed++;
    continue;
  }
  const answer = JSON.parse(readFileSync(file, 'utf8'));
  if (!validate(answer)) {
    failed++;
    console.error(`${file}: ${ajv.errorsText(validate.errors)}`);
  }
}
console.log(`${files.length - failed} valid, ${failed} invalid`);
process.exit(failed ? 1 : 0);
