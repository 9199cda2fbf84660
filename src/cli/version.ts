import { version } from '../../package.json';

/** The package version, inlined by the bundler (the rest of package.json is left out). */
export const VERSION: string = version;
