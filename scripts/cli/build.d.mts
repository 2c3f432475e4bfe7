/** Types of build.mjs (plain JavaScript, so that `npm run classify` starts without a loader). */
export declare const CLI_BUNDLE: string;
export declare function cliStale(): boolean;
export declare function buildCli(): Promise<string>;
export declare function ensureCli(): Promise<string>;
