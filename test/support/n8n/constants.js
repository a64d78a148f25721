'use strict';
/** Constants of the real-n8n harness (../n8n.js). */
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = 'n8n-nodes-zoom-im';
const PROVISION_SCRIPT = path.join(REPO_ROOT, 'scripts', 'provision-n8n.sh');
/** Fixed so that credentials imported by one command can be decrypted by the next. */
const ENCRYPTION_KEY = 'zoom-im-e2e-fixed-encryption-key-not-a-secret';

const MINUTE = 60_000;

module.exports = { REPO_ROOT, PACKAGE_NAME, PROVISION_SCRIPT, ENCRYPTION_KEY, MINUTE };
