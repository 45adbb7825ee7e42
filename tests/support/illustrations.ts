import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const GUIDES = 'src/content/guides';

/** Every illustration source in the repository, with the PNG `npm run illustrations` writes for it. */
export const ILLUSTRATIONS = readdirSync(GUIDES).flatMap((slug) => {
	const folder = join(GUIDES, slug, 'illustrations');
	if (!existsSync(folder)) return [];
	return readdirSync(folder)
		.filter((file) => file.endsWith('.html'))
		.map((file) => ({ source: join(folder, file), png: join(GUIDES, slug, file.replace(/\.html$/, '.png')) }));
});
