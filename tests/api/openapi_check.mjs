// Checks answers of Tia's API against docs/openapi.json with Ajv (JSON Schema 2020-12, the dialect
// of OpenAPI 3.1). Reads one JSON line per answer on stdin — {method, path, status, content_type,
// body} — and writes one line back: {"ok": true} or {"ok": false, "error": "..."}. Started once by
// the API tests' client (tests/api/tia_client.py), which fails the test that received a bad answer.
//
// The rules: a path the document does not describe (the app's static files) is checked only for an
// error body being problem+json; a documented operation must list every success status it answers
// with, and the body must match that status's schema and content type; an error status the
// operation does not list (a 429 from the rate limiter, a 413 from the body limit) must still be a
// problem+json body matching the Problem schema.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const require = createRequire(new URL("../../web/package.json", import.meta.url));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const doc = JSON.parse(readFileSync(new URL("../../docs/openapi.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
addFormats(ajv);
ajv.addFormat("binary", true);
// The document itself is registered as a schema so that "#/components/..." references resolve; its
// top-level OpenAPI members are declared as keywords that validate nothing.
for (const keyword of ["example", "openapi", "info", "servers", "security", "paths", "components"]) ajv.addKeyword(keyword);
ajv.addSchema(doc, "openapi");

const routes = Object.keys(doc.paths)
  .map((template) => ({
    template,
    re: new RegExp("^" + template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
    literal: template.split("/").filter((s) => s && !s.startsWith("{")).length,
  }))
  .sort((a, b) => b.literal - a.literal);

const escape = (part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1");
const child = (ref, ...parts) => [ref, ...parts.map(escape)].join("/");
const validators = new Map();
function validator(ref) {
  if (!validators.has(ref)) validators.set(ref, ajv.getSchema("openapi#" + ref));
  return validators.get(ref);
}

const problemRef = "/components/responses/Problem";
function resolve(ref) {
  let node = doc;
  for (const p of ref.split("/").slice(1)) node = node[p.replaceAll("~1", "/").replaceAll("~0", "~")];
  return node;
}

function checkBody(responseRef, answer) {
  const response = resolve(responseRef);
  if (response.$ref) return checkBody(response.$ref.slice(1), answer);
  const content = response.content;
  if (!content) {
    if (answer.status !== 204 && answer.body !== null && answer.body !== "") return `a body where the document has none`;
    return null;
  }
  const type = answer.content_type;
  if (!(type in content)) return `content type "${type}", documented: ${Object.keys(content).join(", ")}`;
  if (!content[type].schema || !type.includes("json")) return null;
  const validate = validator(child(responseRef, "content", type, "schema"));
  if (validate(answer.body)) return null;
  return validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`).join("; ");
}

function check(answer) {
  const path = answer.path.split("?")[0];
  const route = routes.find((r) => r.re.test(path));
  const isError = answer.status >= 400;
  const asProblem = () => (answer.content_type === "application/problem+json" ? checkBody(problemRef, answer) : `an error answered as "${answer.content_type}", not problem+json`);
  if (!route) return isError && path.startsWith("/api/") ? asProblem() : null;
  const operation = doc.paths[route.template][answer.method.toLowerCase()];
  if (!operation) return isError ? asProblem() : `${answer.method} ${route.template} is not in the document`;
  const status = String(answer.status);
  if (operation.responses[status]) return checkBody(child("/paths", route.template, answer.method.toLowerCase(), "responses", status), answer);
  if (isError) return asProblem();
  return `status ${status} is not documented for ${answer.method} ${route.template} (documented: ${Object.keys(operation.responses).join(", ")})`;
}

for await (const line of createInterface({ input: process.stdin })) {
  let error;
  try {
    error = check(JSON.parse(line));
  } catch (e) {
    error = `the checker failed: ${e.message}`;
  }
  process.stdout.write(JSON.stringify(error ? { ok: false, error } : { ok: true }) + "\n");
}
