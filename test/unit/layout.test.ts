/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: reads the sources from disk under jest, never inside n8n */
/**
 * The folders of nodes/ZoomIm/ stand in layers, each importing only from the ones below it:
 * transport (HTTP, pace, Zoom's errors) < reading (Zoom's data) < descriptions (what the editor
 * shows) < parameters (reading and checking them) < actions, methods, trigger, events (the node's
 * work), with the node files on top.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../../nodes/ZoomIm');
const LAYER: Record<string, number> = { transport: 0, reading: 1, writing: 1, descriptions: 2, parameters: 3, actions: 4, methods: 4, trigger: 4, events: 4 };

function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
	});
}

const folderOf = (file: string) => path.relative(ROOT, file).split(path.sep)[0];

describe('layout', () => {
	it('no folder imports from a folder above it, and every folder has a layer', () => {
		const wrong: string[] = [];
		for (const file of sources(ROOT)) {
			const from = folderOf(file);
			if (!(from in LAYER)) continue; // the node files at the top
			for (const [, target] of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)) {
				const to = folderOf(path.resolve(path.dirname(file), target));
				if (!(to in LAYER) || LAYER[to] > LAYER[from]) wrong.push(`${path.relative(ROOT, file)} imports ${target}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});
