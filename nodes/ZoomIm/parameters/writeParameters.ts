import { DateTime } from 'luxon';

import type { TeamChatTarget } from '../reading/teamChat';
import { toZoomEmoji } from '../writing/emoji';
import { MAX_FILES, MAX_TEXT_LENGTH, type RichTextItem } from '../writing/messageBody';
import type { Mention } from '../writing/mentions';
import { readChatTarget, type ParameterReader } from './nodeParameters';
import { ParameterProblem } from './parameterProblem';
import { checkIdentifier } from './validation';

/**
 * Reading and checking the fields of Message → Send, Get, Update, Delete and React. Every check
 * throws ParameterProblem (naming the field and the value) before anything is sent.
 */

/** The user and conversation of a write (Team Chat only: the `api` field belongs to Get Many). */
export function readWriteTarget(get: ParameterReader): {
	userId: string;
	conversation: TeamChatTarget;
} {
	const target = readChatTarget((name, fallback, options) => (name === 'api' ? 'teamChat' : get(name, fallback, options)));
	if (target.api !== 'teamChat') throw new Error('unreachable: writes are Team Chat only');
	return { userId: target.userId, conversation: target.conversation };
}

/** Text of a message: at most Zoom's 1,024 characters, counted as UTF-16 units; `required` for Send without files. */
export function checkText(value: unknown, { required }: { required: boolean }, field = 'Text'): string {
	const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
	if (required && text.trim() === '') throw new ParameterProblem(field, value, 'is empty: enter the text of the message');
	// Zoom's maxLength does not say whether it counts code points (JSON Schema's reading) or UTF-16
	// units (a Java or JavaScript server's length). UTF-16 units are never fewer, so a text they allow
	// passes under both readings: Zoom cannot refuse it halfway through a batch. An emoji counts 2.
	const units = text.length;
	if (units > MAX_TEXT_LENGTH) {
		const points = Array.from(text).length;
		const counted = points === units ? `${units} characters long` : `${points} characters long, ${units} as Zoom may count them (an emoji counts 2)`;
		throw new ParameterProblem(field, value, `is ${counted}: Zoom accepts at most ${MAX_TEXT_LENGTH}`);
	}
	return text;
}

export function checkMessageId(value: unknown, field = 'Message ID'): string {
	return checkIdentifier(value, field);
}

export function checkEmoji(value: unknown, field = 'Emoji'): string {
	const emoji = typeof value === 'string' ? toZoomEmoji(value) : undefined;
	if (emoji === undefined) throw new ParameterProblem(field, value, 'is not an emoji: enter the emoji itself (👍) or its code point (U+1F44D)');
	return emoji;
}

export function checkReactionAction(value: unknown, field = 'Action'): 'add' | 'remove' {
	if (value === 'add' || value === 'remove') return value;
	throw new ParameterProblem(field, value, 'is not allowed: use "add" or "remove"');
}

/** Mentions: a person needs an email or member ID. */
export function checkMentions(value: unknown, field = 'Mentions'): Mention[] {
	const list = (value as { mention?: unknown } | undefined)?.mention;
	if (list === undefined) return [];
	if (!Array.isArray(list)) throw new ParameterProblem(field, value, 'is not a list of mentions');
	return list.map((entry: { kind?: unknown; contact?: unknown; name?: unknown }) => {
		const name = typeof entry.name === 'string' && entry.name.trim() !== '' ? entry.name.trim() : undefined;
		if (entry.kind === 'all') return { kind: 'all', name };
		const contact = checkIdentifier(entry.contact, `${field}: Email or Member ID`, { pathSegment: false });
		return { kind: 'person', contact, name };
	});
}

const FORMAT_TYPES = new Set([
	'Bold',
	'Italic',
	'Strikethrough',
	'BulletedList',
	'NumberedList',
	'Underline',
	'FontSize',
	'FontColor',
	'BackgroundColor',
	'LeftIndent',
	'Paragraph',
	'Quote',
	'AddLink',
]);

/** What format_attr each format type needs (Zoom's rich_text reference); others take none. */
const FORMAT_ATTRS: Record<string, { pattern: RegExp; what: string }> = {
	FontSize: { pattern: /^[sml]$/, what: '"s", "m" or "l"' },
	FontColor: {
		pattern: /^[0-9A-Fa-f]{6}$/,
		what: 'an RGB value such as "FFC0CB"',
	},
	BackgroundColor: {
		pattern: /^[0-9A-Fa-f]{6}$/,
		what: 'an RGB value such as "FFC0CB"',
	},
	LeftIndent: { pattern: /^[1-9]\d*$/, what: 'a positive number of pixels' },
	Paragraph: { pattern: /^h[123]$/, what: '"h1", "h2" or "h3"' },
	AddLink: {
		pattern: /^https?:\/\/\S+$/i,
		what: 'a URL starting with http:// or https://',
	},
};

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/**
 * Zoom's rich_text: a list of styles over [start_position, end_position) of the text (Zoom's
 * example: bold "H" of "Hello" is 0 to 1), each a known format_type with the attribute it needs.
 */
export function checkRichText(value: unknown, text: string, field = 'Rich Text'): RichTextItem[] {
	let parsed: unknown = value;
	if (parsed === undefined || parsed === null || parsed === '') return [];
	if (typeof parsed === 'string') {
		parsed = parseJson(parsed);
		if (parsed === NOT_JSON) {
			throw new ParameterProblem(field, value, 'is not JSON: give a list such as [{"start_position": 0, "end_position": 5, "format_type": "Bold"}]');
		}
	}
	if (!Array.isArray(parsed)) throw new ParameterProblem(field, value, 'is not a list of styles');
	const length = text.length;
	return parsed.map((item: unknown, index) => {
		const style = item as Record<string, unknown>;
		const where = `(style ${index + 1})`;
		if (typeof style !== 'object' || style === null) throw new ParameterProblem(field, value, `${where} is not an object`);
		const { start_position: start, end_position: end, format_type: type, format_attr: attr } = style;
		if (typeof type !== 'string' || !FORMAT_TYPES.has(type)) {
			throw new ParameterProblem(field, value, `${where} has the format_type ${JSON.stringify(type)}: use one of ${[...FORMAT_TYPES].join(', ')}`);
		}
		if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number) || (end as number) > length) {
			throw new ParameterProblem(field, value, `${where} has positions ${String(start)} to ${String(end)}, outside the text of ${length} characters`);
		}
		const rule = FORMAT_ATTRS[type];
		if (rule && !(typeof attr === 'string' && rule.pattern.test(attr))) {
			throw new ParameterProblem(field, value, `${where}: ${type} needs format_attr ${rule.what}`);
		}
		const checked: RichTextItem = {
			start_position: start as number,
			end_position: end as number,
			format_type: type,
		};
		if (rule) checked.format_attr = attr as string;
		return checked;
	});
}

/** Zoom refuses a scheduled_time less than 30 minutes ahead; a send may wait a while for its channel's windows. */
const SCHEDULE_MARGIN_MS = 2 * 60_000;
const MIN_AHEAD_MS = 30 * 60_000;
const MAX_AHEAD_MS = 180 * 24 * 3600_000;

/** Scheduled Time: more than 30 minutes (plus a margin of 2) and at most 180 days ahead, as Zoom's yyyy-MM-ddTHH:mm:ssZ. */
export function checkScheduledTime(value: unknown, zone: string, now: number, field = 'Scheduled Time'): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.isDateTime(value) ? value : DateTime.fromISO(String(value), { zone });
	if (!parsed.isValid) throw new ParameterProblem(field, value, 'is not a date and time');
	const at = parsed.toMillis();
	if (at < now + MIN_AHEAD_MS + SCHEDULE_MARGIN_MS) {
		throw new ParameterProblem(
			field,
			value,
			'is too soon: Zoom schedules messages more than 30 minutes ahead (the node asks for 32, to leave time for sending)',
		);
	}
	if (at > now + MAX_AHEAD_MS) throw new ParameterProblem(field, value, 'is too far ahead: Zoom schedules messages at most 180 days ahead');
	return parsed.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/** Files (Binary Properties): names, at most Zoom's 6 per message. */
export function checkBinaryProperties(value: unknown, field = 'Files (Binary Properties)'): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value !== 'string') throw new ParameterProblem(field, value, 'is not a list of names separated by commas');
	const names = value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (new Set(names).size !== names.length) throw new ParameterProblem(field, value, 'names a binary property twice');
	if (names.length > MAX_FILES) throw new ParameterProblem(field, value, `names ${names.length} files: Zoom sends at most ${MAX_FILES} with one message`);
	return names;
}
