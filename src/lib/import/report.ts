import type { HugoPost, ImportPlan } from './plan';

/**
 * The table printed at the end of an import of several posts: one row per post, in the order
 * they were found, with what became of it, so an author importing a whole blog sees at a
 * glance which posts need work. Refused rows count the problems listed above the table.
 */
export function importReport(posts: HugoPost[], plan: ImportPlan): string {
	const header = ['Post', 'Result', 'Guide', 'Images', 'Aliases', 'Warnings'];
	const rows = posts.map((post) => {
		const guide = plan.guides.find((g) => g.post === post);
		if (guide) {
			const result = guide.replaces ? 'replaced' : 'imported';
			return [post.file, result, guide.id, String(guide.images.length), String(guide.aliases), String(guide.warnings.length)];
		}
		const refused = plan.refused.find((r) => r.post === post);
		const problems = refused?.problems.length ?? 0;
		return [post.file, 'refused', '-', '-', '-', `${problems} problem${problems === 1 ? '' : 's'}`];
	});
	const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
	const line = (row: string[]) =>
		row
			.map((cell, column) => cell.padEnd(widths[column]!))
			.join('  ')
			.trimEnd();
	const count = (result: string) => rows.filter((row) => row[1] === result).length;
	return [
		line(header),
		line(widths.map((width) => '-'.repeat(width))),
		...rows.map(line),
		`${count('imported') + count('replaced')} imported, ${rows.filter((row) => row[1] !== 'refused' && row[5] !== '0').length} with warnings, ${count('refused')} refused.`,
	].join('\n');
}
