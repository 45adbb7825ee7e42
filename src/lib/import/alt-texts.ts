import { altTextProblem } from '../content/guide-content-checks';

/**
 * Alt texts that would not help a screen-reader user tell a guide's images apart: the same
 * words on several images, or words that say nothing (the validator's own rule, altTextProblem).
 * The import goes on; the author gets one warning per kind, naming the images.
 */
export function altTextWarnings(images: { alt: string; path: string; line: number }[]): { line: number; message: string }[] {
	const warnings: { line: number; message: string }[] = [];
	const byText = new Map<string, typeof images>();
	for (const image of images) {
		if (!image.alt) continue;
		const why = altTextProblem(image.alt);
		if (why) warnings.push({ line: image.line, message: `image ${image.path}: ${why}. Describe what this screenshot shows.` });
		const key = image.alt.toLowerCase().replace(/\s+/g, ' ');
		byText.set(key, [...(byText.get(key) ?? []), image]);
	}
	for (const [, same] of byText) {
		const files = [...new Set(same.map((image) => image.path))];
		if (files.length < 2) continue;
		warnings.push({
			line: same[0]!.line,
			message: `${files.length} images share the alt text "${same[0]!.alt}" (${files.join(', ')}, lines ${same.map((image) => image.line).join(', ')}). Give each one words that say what it shows.`,
		});
	}
	return warnings;
}
