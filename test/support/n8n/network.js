'use strict';
/** Ports and HTTP probes of the real-n8n harness. */
const http = require('node:http');
const net = require('node:net');

const { waitFor } = require('../wait-for');

/** Whether 127.0.0.1:port can be bound right now. */
function canBind(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

// Below Linux's ephemeral range (32768-60999): every server started with port 0 (the simulators,
// n8n's own helpers) and every outgoing connection takes its port from that range, so a port picked
// there could be gone by the time the process it was picked for binds it, seconds later (seen: n8n's
// task broker failing with "port already in use" after its migrations).
const PICK_FROM = 20_000;
const PICK_TO = 32_000;

/**
 * A TCP port that is free on 127.0.0.1 right now, for a process that binds it later: picked at
 * random below the ephemeral range (see above), so that nothing else is handed it meanwhile.
 */
async function freePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = PICK_FROM + Math.floor(Math.random() * (PICK_TO - PICK_FROM));
		if (await canBind(port)) return port;
	}
	throw new Error(`no free port between ${PICK_FROM} and ${PICK_TO} on 127.0.0.1 after 50 tries`);
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
