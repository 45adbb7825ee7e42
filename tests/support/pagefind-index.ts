import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One page as Pagefind stored it: what the index holds about it. */
export interface IndexedPage {
	url: string;
	content: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
	anchors: { element: string; id: string; text: string; title?: string; location: number }[];
}

/** Pagefind writes each page as a gzip stream of "pagefind_dcd" followed by JSON. */
export function readIndexedPages(clientDir: string): IndexedPage[] {
	const folder = join(clientDir, 'pagefind', 'fragment');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.pf_fragment'))
		.map((name) => {
			const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
			if (!text.startsWith('pagefind_dcd')) throw new Error(`${name} is not a Pagefind fragment (no pagefind_dcd signature)`);
			return JSON.parse(text.slice('pagefind_dcd'.length)) as IndexedPage;
		});
}
