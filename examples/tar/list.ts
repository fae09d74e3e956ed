/**
 * Lists a ustar archive like `tar -tv`: `npx tsx --conditions=@stride/source examples/tar/list.ts archive.tar`.
 * With no argument, it writes a small archive first and lists that.
 */
import { readFileSync } from 'node:fs';
import { readTar, writeTar } from './ustar.js';

const path = process.argv[2];
const archive = path
  ? new Uint8Array(readFileSync(path))
  : writeTar([
      { name: 'hello.txt', data: new TextEncoder().encode('hello, world\n'), mtime: 1_700_000_000 },
      { name: 'docs/', typeflag: '5', mode: 0o755 },
      { name: 'latest', typeflag: '2', linkname: 'hello.txt' },
    ]);

for (const { header } of readTar(archive)) {
  const kind = { '0': '-', '': '-', '2': 'l', '5': 'd' }[header.typeflag] ?? '?';
  const when = new Date(header.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const name = header.prefix ? `${header.prefix}/${header.name}` : header.name;
  const link = header.typeflag === '2' ? ` -> ${header.linkname}` : '';
  console.log(
    `${kind}${header.mode.toString(8).padStart(4, '0')} ${header.uname}/${header.gname} ${String(header.size).padStart(8)} ${when} ${name}${link}`,
  );
}
