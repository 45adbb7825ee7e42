import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncodePool } from '../../src/lib/images/encode-pool';

const pool = createEncodePool(2);
afterAll(() => pool.close());
let root: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'stepcheck-pool-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const capture = () =>
	sharp({ create: { width: 900, height: 500, channels: 3, background: '#f4f6f8' } })
		.png()
		.toBuffer();

describe('the screenshot encoder threads', () => {
	it('write every file asked of one image, at its width and format, and nothing beside them', async () => {
		const source = join(root, 'shot.png');
		writeFileSync(source, await capture());
		const files = [
			{ path: join(root, 'shot.609w.avif'), width: 609, quality: 50, format: 'avif' },
			{ path: join(root, 'shot.900w.webp'), width: 900, quality: 80, format: 'webp' },
		] as const;
		expect(await pool.encode({ source, files: [...files] })).toEqual({ ok: true });
		for (const [file, format] of [
			[files[0], 'heif'],
			[files[1], 'webp'],
		] as const) {
			const meta = await sharp(file.path).metadata();
			expect([meta.format, meta.width], file.path).toEqual([format, file.width]);
		}
		// No half-written file left behind: each is written aside and renamed.
		expect(readdirSync(root).sort()).toEqual(['shot.609w.avif', 'shot.900w.webp', 'shot.png']);
	});

	it('start no task while held, and every task held once released', async () => {
		const source = join(root, 'held.png');
		writeFileSync(source, await capture());
		pool.hold();
		const files = [{ path: join(root, 'held.100w.avif'), width: 100, quality: 50, format: 'avif' as const }];
		const outcome = pool.encode({ source, files });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(existsSync(files[0]!.path)).toBe(false);
		pool.release();
		expect(await outcome).toEqual({ ok: true });
		expect(existsSync(files[0]!.path)).toBe(true);
	});

	it('answer a missing image with its error code, so the build can say the image is gone', async () => {
		const outcome = await pool.encode({
			source: join(root, 'gone.png'),
			files: [{ path: join(root, 'out.avif'), width: 100, quality: 50, format: 'avif' }],
		});
		expect(outcome).toMatchObject({ ok: false, code: 'ENOENT' });
		expect(existsSync(join(root, 'out.avif'))).toBe(false);
	});

	it('answer a file that is not an image with the decoder’s message rather than failing the thread', async () => {
		const source = join(root, 'notes.png');
		writeFileSync(source, 'not a png at all');
		const outcome = await pool.encode({ source, files: [{ path: join(root, 'out.avif'), width: 100, quality: 50, format: 'avif' }] });
		expect(outcome.ok).toBe(false);
		expect(outcome.ok ? '' : outcome.message).toMatch(/unsupported image format|Input buffer/i);
		// The thread is still there for the next image.
		writeFileSync(join(root, 'fine.png'), await capture());
		expect(
			await pool.encode({
				source: join(root, 'fine.png'),
				files: [{ path: join(root, 'fine.webp'), width: 300, quality: 80, format: 'webp' }],
			}),
		).toEqual({
			ok: true,
		});
	});

	it('start again after being closed, for the next build in the same process', async () => {
		const once = createEncodePool(1);
		const source = join(root, 'shot.png');
		writeFileSync(source, await capture());
		const task = (name: string) => ({ source, files: [{ path: join(root, name), width: 300, quality: 50, format: 'avif' as const }] });
		expect(await once.encode(task('first.avif'))).toEqual({ ok: true });
		await once.close();
		expect(await once.encode(task('second.avif'))).toEqual({ ok: true });
		await once.close();
	});
});
