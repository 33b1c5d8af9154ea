/** Flags that work on a sandboxed, offline machine. */
export declare const CHROME_FLAGS: string[];
/** The path of a system Chrome/Chromium; throws with install instructions when there is none. */
export declare function findChrome(): string;
