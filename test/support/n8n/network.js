'use strict';
/** Ports and HTTP probes of the real-n8n harness. */
const http = require('node:http');
const net = require('node:net');

const { waitFor } = require('../wait-for');

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts connections on 127.0.0.1:port right now. */
function portOpen(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Resolves when 127.0.0.1:port refuses connections (nothing listens any more), or after `timeoutMs` anyway. */
async function waitPortClosed(port, timeoutMs = 10_000) {
	await waitFor(async () => !(await portOpen(port)), { timeoutMs, intervalMs: 100, what: `127.0.0.1:${port} to close` }).catch(() => {
		/* still open: the caller carries on, as it always did */
	});
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function httpStatus(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			res.resume();
			resolve(res.statusCode);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
	});
}

module.exports = { freePort, waitPortClosed, sleep, httpStatus };
