/**
 * @mentions in a message: Zoom's `at_items` point at characters of the text ("@Shrijana How are
 * you?": start_position 0, end_position 8, the last character of the mention, by Zoom's own
 * example). The user lists whom to mention; each mention's label ("@" and the name given, or the
 * email or id, or "@all") is looked for in the text, and appended to it when it is not there, so a
 * mention always points at text that says who is meant.
 *
 * Positions count UTF-16 code units (as JavaScript and Java strings do). Zoom does not say which
 * unit it counts; for text without characters beyond the Basic Multilingual Plane (most emoji are
 * beyond it) every reading gives the same numbers.
 */

export type Mention = { kind: 'person'; contact: string; name?: string } | { kind: 'all'; name?: string };

export interface AtItem {
	at_type: 1 | 2;
	at_contact?: string;
	start_position: number;
	end_position: number;
}

export function mentionLabel(mention: Mention): string {
	const name = mention.name?.trim();
	if (mention.kind === 'all') return name ? `@${name.replace(/^@/, '')}` : '@all';
	return `@${(name || mention.contact).replace(/^@/, '')}`;
}

/** Whether [start, end) overlaps one of the ranges already taken. */
function overlaps(taken: Array<[number, number]>, start: number, end: number): boolean {
	return taken.some(([s, e]) => start < e && s < end);
}

/** The text with every mention's label in it, and Zoom's at_items for them, in the order given. */
export function placeMentions(text: string, mentions: readonly Mention[]): { text: string; atItems: AtItem[] } {
	let result = text;
	const taken: Array<[number, number]> = [];
	const atItems: AtItem[] = [];
	for (const mention of mentions) {
		const label = mentionLabel(mention);
		let start = result.indexOf(label);
		while (start >= 0 && overlaps(taken, start, start + label.length)) start = result.indexOf(label, start + 1);
		if (start < 0) {
			const separator = result === '' || /\s$/.test(result) ? '' : ' ';
			result = `${result}${separator}${label}`;
			start = result.length - label.length;
		}
		taken.push([start, start + label.length]);
		const positions = { start_position: start, end_position: start + label.length - 1 };
		atItems.push(mention.kind === 'all' ? { at_type: 2, ...positions } : { at_type: 1, at_contact: mention.contact, ...positions });
	}
	return { text: result, atItems };
}
