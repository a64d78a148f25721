import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Zoom signs every webhook request: `x-zm-signature: v0=<hex>` where hex is
 * HMAC-SHA256(secret token, `v0:{x-zm-request-timestamp}:{raw body}`).
 */
export function zoomSignature(secretToken: string, timestamp: string, rawBody: Buffer | string): string {
	const hmac = createHmac('sha256', secretToken);
	hmac.update(`v0:${timestamp}:`);
	hmac.update(rawBody);
	return `v0=${hmac.digest('hex')}`;
}

/** Zoom's URL validation answer: the plain token and hex(HMAC-SHA256(secret token, plain token)). */
export function urlValidationAnswer(secretToken: string, plainToken: string): { plainToken: string; encryptedToken: string } {
	return { plainToken, encryptedToken: createHmac('sha256', secretToken).update(plainToken).digest('hex') };
}

/**
 * Compares a received signature with the expected one in time that does not depend on where they
 * differ. Lengths are public (the expected one always has the same length), so a length mismatch
 * may answer at once.
 */
export function signaturesMatch(received: string, expected: string): boolean {
	const a = Buffer.from(received, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}
