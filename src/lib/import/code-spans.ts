/**
 * A line split into inline code and the prose around it, as CommonMark reads it: a run of
 * N backticks opens a code span only if a run of exactly N backticks closes it later on the
 * line. Any other run is literal text, and what follows it is prose, which the importer must
 * escape (a looser reading let `` ``<img onerror=…>` `` through as "code").
 */
export function splitCodeSpans(text: string): { code: boolean; text: string }[] {
	const pieces: { code: boolean; text: string }[] = [];
	let prose = '';
	let index = 0;
	while (index < text.length) {
		if (text[index] !== '`') {
			prose += text[index];
			index++;
			continue;
		}
		const run = /^`+/.exec(text.slice(index))![0];
		const closer = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
		closer.lastIndex = index + run.length;
		const close = closer.exec(text);
		if (!close) {
			prose += run;
			index += run.length;
			continue;
		}
		if (prose) pieces.push({ code: false, text: prose });
		prose = '';
		pieces.push({ code: true, text: text.slice(index, close.index + run.length) });
		index = close.index + run.length;
	}
	if (prose) pieces.push({ code: false, text: prose });
	return pieces;
}
