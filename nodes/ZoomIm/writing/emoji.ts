/**
 * A reaction's emoji in the form Zoom asks for: "The emoji's unicode value, in UTF-32 format",
 * e.g. "U+1F600". People write "U+1F44D", "u+1f44d", "1F44D" or paste the emoji itself (👍); all
 * become "U+1F44D". The text-presentation selector (U+FE0F, as in ❤️ = U+2764 U+FE0F) is dropped:
 * it only says how to draw the character. An emoji of several characters (a skin tone, a family)
 * becomes its code points joined by a space ("U+1F44D U+1F3FD"): Zoom documents only single ones.
 * Undefined: not an emoji.
 */

const VARIATION_SELECTOR_16 = 0xfe0f;
const CODE = /^(?:U\+)?([0-9A-F]{4,6})$/i;

function isCodePoint(point: number): boolean {
	return point <= 0x10ffff && !(point >= 0xd800 && point <= 0xdfff);
}

function format(points: number[]): string | undefined {
	const kept = points.filter((p) => p !== VARIATION_SELECTOR_16);
	if (kept.length === 0 || !kept.every(isCodePoint)) return undefined;
	return kept.map((p) => `U+${p.toString(16).toUpperCase()}`).join(' ');
}

export function toZoomEmoji(value: string): string | undefined {
	const text = value.trim();
	if (text === '') return undefined;
	// Written as code points: "U+1F44D", "1F44D", "U+2764 U+FE0F", "U+1F44D-U+1F3FD".
	const codes = text.split(/[\s,_-]+|(?=U\+)/i).filter((part) => part !== '');
	if (codes.every((code) => CODE.test(code))) return format(codes.map((code) => parseInt(CODE.exec(code)![1], 16)));
	// The emoji itself: no letters, digits or punctuation of plain text (those are not emoji).
	if (Array.from(text).some((char) => char.codePointAt(0)! < 0x80)) return undefined;
	const points = Array.from(text, (char) => char.codePointAt(0)!);
	if (!points.some((p) => p >= 0x2000)) return undefined;
	return format(points);
}
