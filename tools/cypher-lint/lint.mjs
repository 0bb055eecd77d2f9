// Syntax check of every Cypher text that Neo4j runs, against Neo4j's own
// grammar and semantic analysis, pinned to Cypher 5
// (@neo4j-cypher/language-support, exact version in package.json).
//
// Checked:
//   queries/cypher/*.cypher         that have no queries/cypher/neo4j/ override
//   queries/cypher/neo4j/*.cypher
//   graph/cypher/*.cypher
//   every statement Neo4jStore generates (dump_neo4j_statements.py, run here)
//   extra files named as arguments or in CYPHER_LINT_EXTRA (path-separated)
//
// Fails (exit 1, one "file:line:col: error: message" per problem) on
//   - every error: syntax, semantics (e.g. an undefined variable), a function or
//     procedure that a plain Neo4j 5 does not have built in (label() is
//     Ladybug-only; APOC and GDS are not assumed),
//   - a label, relationship type or property key that graph/schema.py lacks.
// Undeclared $parameters are fine (they are bound at run time). Other warnings
// (e.g. deprecations) are printed and do not fail, unless --strict.
//
// Usage: node lint.mjs [--strict] [--only] [FILE.cypher ...]
//   --only  check only the named files (not the repository's, not Neo4jStore's)
//   PYTHON  the interpreter with kommunalgraph installed (default: the repo's
//           .venv/bin/python, else python3)
//
// Neo4j's semantic analysis costs about 0.1 s per statement, so the files are
// spread over worker threads (one per core).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  isNotParamError,
  lintCypherQuery,
  testData,
} from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const ERROR = 1; // vscode DiagnosticSeverity.Error
const SCHEMA_WARNING = / is not present in the database\./;

// -- worker: lint a list of files, report plain diagnostics -----------------------

function lintFiles({ files, schemaNames }) {
  // Only what a plain Neo4j 5 has built in: no APOC, no GDS.
  const builtinFunctions = Object.fromEntries(
    Object.entries(testData.mockSchema.functions[VERSION]).filter(([, f]) => f.isBuiltIn),
  );
  const builtinProcedures = Object.fromEntries(
    Object.entries(testData.mockSchema.procedures[VERSION]).filter(([name]) =>
      /^(db|dbms|tx)\./.test(name),
    ),
  );
  const dbSchema = {
    defaultLanguage: VERSION,
    functions: { [VERSION]: builtinFunctions },
    procedures: { [VERSION]: builtinProcedures },
    ...schemaNames,
  };
  return files.map((file) => {
    let text;
    try {
      text = readFileSync(file, 'utf-8');
    } catch (e) {
      return [{ line: 1, col: 1, severity: ERROR, message: `cannot read: ${e.message}` }];
    }
    if (text.trim() === '') {
      return [{ line: 1, col: 1, severity: ERROR, message: 'empty query file' }];
    }
    const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
    return diagnostics.filter(isNotParamError).map((d) => ({
      line: d.range.start.line + 1,
      col: d.range.start.character + 1,
      severity: d.severity,
      message: d.message.replace(/\s+/g, ' ').trim(),
    }));
  });
}

if (!isMainThread) {
  parentPort.postMessage(lintFiles(workerData));
} else {
  await main();
}

// -- main: collect the files, fan out, report ----------------------------------

function cypherFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => join(dir, f));
}

function baseName(f) {
  return f.split(/[\\/]/).pop();
}

async function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const repo = resolve(here, '..', '..');
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const only = args.includes('--only');
  const extra = args.filter((a) => !a.startsWith('--'));
  if (process.env.CYPHER_LINT_EXTRA) {
    extra.push(...process.env.CYPHER_LINT_EXTRA.split(delimiter).filter(Boolean));
  }

  const files = [];
  let schemaNames = {};
  let dumpDir = null;
  if (!only) {
    // What Neo4j runs: the per-backend file wins over the shared one.
    const queries = join(repo, 'queries', 'cypher');
    const overrides = new Set(cypherFiles(join(queries, 'neo4j')).map(baseName));
    files.push(
      ...cypherFiles(queries).filter((f) => !overrides.has(baseName(f))),
      ...cypherFiles(join(queries, 'neo4j')),
      ...cypherFiles(join(repo, 'graph', 'cypher')),
    );
  }
  // Neo4jStore's own statements and the schema's names (also for --only: the
  // schema names make label and property typos errors).
  dumpDir = mkdtempSync(join(tmpdir(), 'kg-cypher-lint-'));
  try {
    const venv = join(repo, '.venv', 'bin', 'python');
    const python = process.env.PYTHON || (existsSync(venv) ? venv : 'python3');
    const dump = spawnSync(python, [join(here, 'dump_neo4j_statements.py'), dumpDir], {
      encoding: 'utf-8',
    });
    if (dump.status !== 0) {
      console.error(`cypher-lint: ${python} dump_neo4j_statements.py failed:`);
      console.error(dump.error ? String(dump.error) : dump.stderr);
      process.exitCode = 2;
      return;
    }
    schemaNames = JSON.parse(readFileSync(join(dumpDir, 'schema.json'), 'utf-8'));
    if (!only) files.push(...cypherFiles(dumpDir));
    files.push(...extra.map((f) => resolve(f)));
    if (files.length === 0) {
      console.error('cypher-lint: no files to check');
      process.exitCode = 2;
      return;
    }

    const workers = Math.max(1, Math.min(availableParallelism(), 4, files.length));
    const parts = Array.from({ length: workers }, () => []);
    files.forEach((f, i) => parts[i % workers].push(f));
    const results = await Promise.all(
      parts.map(
        (part) =>
          new Promise((ok, fail) => {
            const w = new Worker(fileURLToPath(import.meta.url), {
              workerData: { files: part, schemaNames },
            });
            w.once('message', ok);
            w.once('error', fail);
          }),
      ),
    );
    const byFile = new Map();
    parts.forEach((part, p) => part.forEach((f, i) => byFile.set(f, results[p][i])));

    const shown = (file) => {
      if (file.startsWith(dumpDir)) return `<Neo4jStore>/${relative(dumpDir, file)}`;
      const rel = relative(process.cwd(), file);
      return rel.startsWith('..') ? file : rel;
    };
    let failures = 0;
    let warnings = 0;
    for (const file of files) {
      for (const d of byFile.get(file)) {
        const fatal = d.severity === ERROR || SCHEMA_WARNING.test(d.message) || strict;
        const kind = fatal ? 'error' : 'warning';
        console.error(`${shown(file)}:${d.line}:${d.col}: ${kind}: ${d.message}`);
        if (fatal) failures++;
        else warnings++;
      }
    }
    const summary =
      `cypher-lint (${VERSION}): ${files.length} files, ${failures} errors, ` +
      `${warnings} warnings`;
    if (failures) {
      console.error(summary);
      process.exitCode = 1;
    } else {
      console.log(summary);
    }
  } finally {
    rmSync(dumpDir, { recursive: true, force: true });
  }
}
