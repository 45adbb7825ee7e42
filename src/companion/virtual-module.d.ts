/** Filled in by `src/integrations/companion-file.ts`: the file pages offer, and its hash (null in `astro dev`). */
declare module 'virtual:stepcheck/companion' {
	const companion: { fileName: string; sha256: string | null; port: number };
	export default companion;
}
