// `npm run classify`: rebuild the command line's bundle when a source changed, then run it in this
// same process (one Node start-up, not two).
import { pathToFileURL } from 'node:url';
import { ensureCli } from './build.mjs';

await import(pathToFileURL(await ensureCli()).href);
