// Copies the non-TypeScript assets n8n needs at runtime into dist/ (tsc only emits .js/.d.ts/.map).
//   icons/**/*.svg              -> dist/icons/        nodes use file:../../icons/…, credentials file:../icons/…
//   nodes/**/*.{png,svg,json}   -> dist/nodes/        node icons and the *.node.json codex next to the compiled node
//   credentials/**/*.{png,svg}  -> dist/credentials/
const { src, dest, parallel } = require('gulp');

// encoding: false keeps binary files (png) byte-exact under gulp 5.
const options = (base) => ({ base, encoding: false, allowEmpty: true });

function copyIcons() {
	return src('icons/**/*.svg', options('icons')).pipe(dest('dist/icons'));
}

function copyNodeAssets() {
	return src('nodes/**/*.{png,svg,json}', options('nodes')).pipe(dest('dist/nodes'));
}

function copyCredentialAssets() {
	return src('credentials/**/*.{png,svg}', options('credentials')).pipe(dest('dist/credentials'));
}

exports['build:assets'] = parallel(copyIcons, copyNodeAssets, copyCredentialAssets);
// Name used by n8n-nodes-starter.
exports['build:icons'] = exports['build:assets'];
