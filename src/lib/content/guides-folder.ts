/** Where the guides are: the benchmark points this at a scratch folder of synthetic guides. */
export const guidesFolder = (): string => process.env.STEPCHECK_CONTENT_DIR || './src/content/guides';
