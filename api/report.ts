/**
 * The API report: every package entry's public surface, as API Extractor sees it in the built
 * declarations, checked in as `api/<entry>.api.md`. A change to the surface shows up as a change to
 * a report, which review sees; CI fails while a report differs from the code.
 *
 *   npx --yes pnpm@10.34.8 build && npx --yes pnpm@10.34.8 api            # check (CI)
 *   npx --yes pnpm@10.34.8 build && npx --yes pnpm@10.34.8 api --update   # rewrite the reports
 *
 * Each entry of each package's `exports` map is one report. The check also loads each entry at run
 * time and fails on a run-time export that the declarations do not declare (a value a user could
 * reach that no report shows).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reportFolder = join(root, 'api');
const update = process.argv.includes('--update');

interface Entry {
  /** `@stride/view/shapes` */
  specifier: string;
  /** `view-shapes` */
  reportName: string;
  packageJson: string;
  types: string;
  code: string;
}

type ExportTarget = { types?: string; default?: string };

/** Every entry of every package's exports map. */
function entries(): Entry[] {
  const out: Entry[] = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const packageJson = join(root, 'packages', dir, 'package.json');
    const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as {
      name: string;
      exports?: Record<string, ExportTarget>;
    };
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      if (target.types === undefined || target.default === undefined) continue;
      const sub = subpath === '.' ? '' : subpath.slice(1);
      out.push({
        specifier: pkg.name + sub,
        reportName: `${pkg.name.replace(/^@stride\//, '')}${sub.replaceAll('/', '-')}`,
        packageJson,
        types: join(root, 'packages', dir, target.types),
        code: join(root, 'packages', dir, target.default),
      });
    }
  }
  return out;
}

/** Runs API Extractor on one entry; true when its report matches (or was written). */
function report(entry: Entry, temp: string): boolean {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: dirname(entry.packageJson),
      mainEntryPointFilePath: entry.types,
      compiler: { tsconfigFilePath: join(root, 'tsconfig.base.json') },
      apiReport: {
        enabled: true,
        reportFolder,
        reportTempFolder: temp,
        reportFileName: entry.reportName,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The report notes these inline; they are not failures of the surface.
        extractorMessageReporting: {
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
          'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: entry.packageJson,
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback: (m) => {
      if (m.logLevel === ExtractorLogLevel.Warning || m.logLevel === ExtractorLogLevel.Error) {
        console.error(`${entry.specifier}: ${m.text}`);
      }
      m.handled = true;
    },
  });
  if (result.apiReportChanged && !update) {
    console.error(
      `${entry.specifier}: the public surface differs from api/${entry.reportName}.api.md (run \`npx --yes pnpm@10.34.8 api --update\` and review the change)`,
    );
    return false;
  }
  return result.succeeded || (update && result.errorCount === 0);
}

/** Names a run-time entry exports that its report does not declare. */
async function undeclared(entry: Entry): Promise<string[]> {
  const values = Object.keys(await import(pathToFileURL(entry.code).href));
  const text = readFileSync(join(reportFolder, `${entry.reportName}.api.md`), 'utf8');
  return values.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
}

const temp = mkdtempSync(join(tmpdir(), 'stride-api-'));
let failed = 0;
try {
  for (const entry of entries()) {
    if (!report(entry, temp)) failed++;
    const extra = await undeclared(entry);
    if (extra.length > 0) {
      console.error(`${entry.specifier}: exported at run time but not in its report: ${extra.join(', ')}`);
      failed++;
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
const total = entries().length;
console.log(
  `api: ${total - failed} of ${total} entries match their reports${update ? ' (reports updated)' : ''}`,
);
process.exit(failed === 0 ? 0 : 1);
