import { describe, expect, it } from 'vitest';
import { buildMemorySettings, buildNodeFlags } from '../../src/lib/site/build-memory.ts';

describe('the memory settings npm run build gives astro build', () => {
	it('fixes glibc’s mmap threshold at 128 kB and makes mimalloc return freed pages at once', () => {
		expect(buildMemorySettings({ PATH: '/usr/bin' })).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072', MIMALLOC_PURGE_DELAY: '0' });
	});

	it('leaves out a setting the environment already gives, so each can be tuned or undone', () => {
		expect(buildMemorySettings({ MALLOC_MMAP_THRESHOLD_: '1048576' })).toEqual({ MIMALLOC_PURGE_DELAY: '0' });
		expect(buildMemorySettings({ MALLOC_MMAP_THRESHOLD_: '1048576', MIMALLOC_PURGE_DELAY: '10' })).toEqual({});
	});
});

describe('the Node flags npm run build gives astro build', () => {
	it('limit how far V8 grows its heap for a large site only, where memory is the constraint', () => {
		expect(buildNodeFlags(20)).toEqual([]);
		expect(buildNodeFlags(1000)).toEqual(['--heap-growing-percent=50']);
	});
});
