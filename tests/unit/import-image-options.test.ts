import { describe, expect, it } from 'vitest';
import { readImageUrl } from '../../src/lib/import/image-options';

describe('Learn image query to <Screenshot> options', () => {
	it.each([
		['/i/a.png', {}],
		['/i/a.png?classes=shadow', { frame: 'shadow' }],
		['/i/a.png?classes=border', { frame: 'border' }],
		['/i/a.png?classes=shadow&width=40pc', { frame: 'shadow', maxWidth: '40pc' }],
		['/i/a.png?width=480px', { maxWidth: '480px' }],
		['/i/a.png?width=60%25', { maxWidth: '60%' }],
		['/i/a.png?width=30em', { maxWidth: '30em' }],
		['/i/a.png?width=2.5rem', { maxWidth: '2.5rem' }],
		['/i/a.png?width=50vw', { maxWidth: '50vw' }],
		['/i/a.png?featherlight=false', { zoom: false }],
		['/i/a.png?lightbox=false', { zoom: false }],
		['/i/a.png?lightbox=true', {}],
		['/i/a.png?classes=border,inline&featherlight=false', { frame: 'border', zoom: false }],
	])('%s gives %j', (url, props) => {
		const result = readImageUrl(url);
		expect(result.path).toBe('/i/a.png');
		expect(result.props).toEqual(props);
		expect(result.problems).toEqual([]);
	});

	it.each([
		['/i/a.png?classes=inline', 'class "inline"'],
		['/i/a.png?classes=shadow,border', 'both "shadow" and "border"'],
		['/i/a.png?height=20em', 'height "20em"'],
		['/i/a.png?classes=fancy', 'class "fancy"'],
		['/i/a.png?resize=200x', 'query option "resize"'],
	])('%s is converted with a warning: %s', (url, warning) => {
		const result = readImageUrl(url);
		expect(result.warnings.join('\n')).toContain(warning);
		expect(result.problems).toEqual([]);
	});

	it.each([
		['/i/a.png?width=40', 'width "40"'],
		['/i/a.png?height=tall', 'height "tall"'],
		['/i/a.png?featherlight=no', 'featherlight="no"'],
	])('%s is refused: %s', (url, problem) => {
		expect(readImageUrl(url).problems.join('\n')).toContain(problem);
	});
});
