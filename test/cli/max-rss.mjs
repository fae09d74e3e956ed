// Preloaded into a child `stride` by the memory tests: its peak RSS (KiB) goes to a file at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.STRIDE_MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
