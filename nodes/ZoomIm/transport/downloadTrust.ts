/**
 * Where a file download may go, and with what (issue #20, "trust at the edges"). Pure.
 *
 * - The token goes only over https to Zoom's hosts (zoom.us, zoomgov.com and their subdomains), or
 *   to the credential's own API origin (scheme + host + port of its API base URL: Custom URLs, a
 *   proxy, the simulator). A download_url anywhere else is refused before anything is sent.
 * - A redirect hop (never with the token to another origin) must be http(s); plain http and hosts
 *   that are loopback, private, link-local or unspecified are refused, unless the hop goes to the
 *   credential's own API host (by host name, any port: a self-hosted gateway's file server).
 * Host names are judged as written: literal IPv4/IPv6 addresses and `localhost` names. A host name
 * that resolves to a private address is not caught here (shipped code has no DNS lookup).
 */

/** The origin of the credential's API base URL, e.g. `https://api.zoom.us`; '' when unreadable. */
export function apiOriginOf(apiBaseUrl: string): string {
	try {
		return new URL(apiBaseUrl).origin;
	} catch {
		return '';
	}
}

function hostOfOrigin(origin: string): string {
	try {
		return origin ? new URL(origin).hostname : '';
	} catch {
		return '';
	}
}

/** zoom.us, zoomgov.com and their subdomains (api.zoom.us, file.zoom.us, us06web.zoom.us …). */
export function isZoomHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return ['zoom.us', 'zoomgov.com'].some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Whether a URL may receive the credential's token: https on Zoom's hosts, or the credential's own API origin. */
export function mayCarryToken(url: URL, apiOrigin: string): boolean {
	return (url.protocol === 'https:' && isZoomHost(url.hostname)) || (apiOrigin !== '' && url.origin === apiOrigin);
}

function ipv4Parts(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
	const numbers = parts.map(Number);
	return numbers.every((n) => n <= 255) ? numbers : undefined;
}

/** 0/8, 10/8, 100.64/10 (shared), 127/8, 169.254/16 (link-local, cloud metadata), 172.16/12, 192.168/16, 224/3 (multicast, reserved). */
function isInternalIpv4([a, b]: number[]): boolean {
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		a >= 224 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

/** The eight 16-bit groups of an IPv6 address (without brackets), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
	let address = text;
	const lastColon = address.lastIndexOf(':');
	const dotted = ipv4Parts(address.slice(lastColon + 1));
	if (dotted) {
		// a trailing a.b.c.d is the last two groups
		const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
		address = `${address.slice(0, lastColon + 1)}${hex(dotted[0], dotted[1])}:${hex(dotted[2], dotted[3])}`;
	}
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const toGroups = (part: string) => (part === '' ? [] : part.split(':'));
	const head = toGroups(halves[0]);
	const rest = halves.length === 2 ? toGroups(halves[1]) : [];
	if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
	const known = head.length + rest.length;
	if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
	const zeros = new Array<number>(8 - known).fill(0);
	return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16))];
}

function isInternalIpv6(groups: number[]): boolean {
	const [first] = groups;
	const embeddedV4 = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff];
	const leadingZeros = groups.slice(0, 5).every((g) => g === 0);
	if (leadingZeros && (groups[5] === 0xffff || groups[5] === 0)) {
		// ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), :: and ::1.
		return groups[5] === 0 && groups[6] === 0 ? true : isInternalIpv4(embeddedV4);
	}
	if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return isInternalIpv4(embeddedV4); // NAT64
	return (
		(first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
		(first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
		(first & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated)
		(first & 0xff00) === 0xff00 // multicast
	);
}

/**
 * Whether a host (a URL's hostname: IPv6 in brackets) names this machine or a private network:
 * `localhost` names, loopback, private, link-local, unspecified, multicast addresses, IPv4-mapped included.
 */
export function isInternalHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === '' || host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.localdomain') return true;
	const v4 = ipv4Parts(host);
	if (v4) return isInternalIpv4(v4);
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = ipv6Groups(host.slice(1, -1).split('%')[0]);
		return groups === undefined || isInternalIpv6(groups);
	}
	return false;
}

/** Why a redirect hop may not be followed (undefined: it may). */
export function refusedHop(url: URL, apiOrigin: string): string | undefined {
	const ownHost = hostOfOrigin(apiOrigin);
	const isOwnHost = ownHost !== '' && url.hostname === ownHost;
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return `a redirect to a ${url.protocol.replace(/:$/, '')} link`;
	if (isOwnHost) return undefined;
	if (url.protocol !== 'https:') return `a redirect to plain http (${url.host})`;
	if (isInternalHost(url.hostname)) return `a redirect to a local or private address (${url.host})`;
	return undefined;
}

/** Why a download_url is refused before anything is sent (undefined: it may be fetched with the token). */
export function refusedLink(url: URL, apiOrigin: string): string | undefined {
	if (mayCarryToken(url, apiOrigin)) return undefined;
	if (url.protocol === 'http:' && isZoomHost(url.hostname)) return `its download link is plain http (${url.host}), and the token goes to Zoom over https only`;
	return `its download link points to ${url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `a ${url.protocol.replace(/:$/, '')} link`}, which is not Zoom's, and the token goes to Zoom's hosts only`;
}
