'use strict';
const net = require('node:net');

/** Whether a Redis server answers PING on 127.0.0.1:`port` within a second (the queue-mode e2e test and the bench start their own). */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
	});
}

module.exports = { redisPing };
