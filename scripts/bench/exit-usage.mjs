// Preloaded (`node --import`) in front of the command line by bench:cli-mbox: when the process
// exits, its own resource usage (CPU time of all its threads, peak resident size) goes to the file
// BT_USAGE_FILE names. The command line itself knows nothing of it.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const out = process.env.BT_USAGE_FILE;
if (out) process.on('exit', () => writeFileSync(out, JSON.stringify(process.resourceUsage())));
