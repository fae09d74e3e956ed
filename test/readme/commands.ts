/**
 * The shell commands the project's Markdown tells a reader to run: every line of a ```sh (or bash,
 * shell) block, and every inline code span that starts with a command (`npx …`, `pnpm …`,
 * `node …`, `.ci/run` …). Plain ``` blocks are output or file listings and are not read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Command {
  /** The command as written, without a trailing `# comment`. */
  text: string;
  /** `file:line`, relative to the repository root. */
  where: string;
  /** From a ```sh block, or an inline code span in prose. */
  kind: 'block' | 'inline';
}

/** The Markdown whose commands must run: READMEs, the contributing guide, docs/, examples/. */
export function markdownFiles(): string[] {
  const files = ['README.md', 'CONTRIBUTING.md', 'bench/README.md'];
  for (const pkg of readdirSync(join(root, 'packages'))) files.push(`packages/${pkg}/README.md`);
  if (existsSync(join(root, 'docs'))) {
    for (const doc of readdirSync(join(root, 'docs'))) if (doc.endsWith('.md')) files.push(`docs/${doc}`);
  }
  files.push(...findReadmes('examples'));
  return files.filter((f) => existsSync(join(root, f))).sort();
}

function findReadmes(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...findReadmes(path));
    else if (entry.name === 'README.md') found.push(path);
  }
  return found;
}

const shellFence = /^(sh|bash|shell|zsh)$/;
/** An inline code span that is a command: a program name, a space, arguments (or `.ci/run`). */
const inlineCommand = /^(npx|pnpm|npm|node|tsx|vitest|bash|sh)\s|^\.ci\/run\b/;

/** The commands of one Markdown file (`file` relative to the root; `text` its contents). */
export function extractCommands(file: string, text = readFileSync(join(root, file), 'utf8')): Command[] {
  const lines = text.split('\n');
  const commands: Command[] = [];
  let fence: { marker: string; shell: boolean } | undefined;
  let pending: { text: string; line: number } | undefined;
  lines.forEach((line, i) => {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      if (open && open[1] === fence.marker && open[2] === '') {
        fence = undefined;
        return;
      }
      if (!fence.shell) return;
      // A line ending in a backslash continues on the next one.
      const joined = pending ? `${pending.text} ${line.trim()}` : line.trim();
      const start = pending ? pending.line : i + 1;
      if (joined.endsWith('\\')) {
        pending = { text: joined.slice(0, -1).trim(), line: start };
        return;
      }
      pending = undefined;
      const text = stripComment(joined);
      if (text !== '') commands.push({ text, where: `${file}:${start}`, kind: 'block' });
      return;
    }
    if (open?.[1]) {
      fence = { marker: open[1], shell: shellFence.test(open[2] ?? '') };
      return;
    }
    for (const span of line.matchAll(/`([^`]+)`/g)) {
      const text = span[1]?.trim() ?? '';
      if (inlineCommand.test(text)) commands.push({ text, where: `${file}:${i + 1}`, kind: 'inline' });
    }
  });
  return commands;
}

/** `cmd args   # what it does` → `cmd args`; a line that is only a comment → ''. */
function stripComment(line: string): string {
  if (line.startsWith('#')) return '';
  return line.replace(/\s+#(\s.*)?$/, '').trim();
}

/** Every command of every file, in file order. */
export function allCommands(): Command[] {
  return markdownFiles().flatMap((file) => extractCommands(file));
}

/**
 * The environment of a shell a reader opens: without what Vitest sets (VITEST*, TEST, NODE_ENV,
 * MODE …), without what `pnpm test` sets for its script (NODE_PATH, npm_lifecycle_*, npm_package_*
 * …, and the pnpm settings npm warns about: the registry and cache settings stay), without .ci/run's
 * report file, and without the
 * node_modules/.bin folders a script finds on its PATH.
 */
const scriptOnly =
  /^(VITEST.*|TEST|NODE_ENV|MODE|DEV|PROD|SSR|BASE_URL|NODE_PATH|INIT_CWD|PNPM_SCRIPT_SRC_DIR|STRIDE_TEST_REPORT|npm_(lifecycle_.*|package_.*|command|execpath|node_execpath|config_(user_agent|npm_globalconfig|verify_deps_before_run|_jsr_registry)))$/;
export function readerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!scriptOnly.test(key)) env[key] = value;
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !/node_modules[\\/]\.bin$|node-gyp-bin$/.test(dir))
    .join(delimiter);
  return env;
}
