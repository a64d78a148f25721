// Package entry point (package.json "main"). n8n does not load nodes or credentials from here:
// it reads the paths listed in the "n8n" block of package.json (compiled files under dist/).
module.exports = {};
