import { readFileSync } from 'node:fs';

/** The static parts of one compiled guide (static-html.ts), read when its module is loaded in the build. */
export const readStaticHtml = (file: string): string[] => JSON.parse(readFileSync(file, 'utf8')) as string[];
