'use strict';
/**
 * Seeded, deterministic data for the Zoom simulator.
 *
 * Everything here is generated from `seed` with independent PRNG streams per part, so the same
 * seed always gives the same data. Generation uses plain epoch arithmetic (no luxon) to stay fast.
 */
const { Rng } = require('./prng');

const DAY = 86400;

/** People who appear as senders. `owner@example.com` is the authenticated user `me`. */
const PEOPLE = [
	{ email: 'owner@example.com', id: 'sim-user-1', member_id: 'mbr0wner7f3a9c21', display_name: 'Olivia Owner', first_name: 'Olivia', last_name: 'Owner' },
	{ email: 'alice@example.com', id: 'sim-user-alice', member_id: 'mbrA11ce1c2d3e4f', display_name: 'Alice Anderson', first_name: 'Alice', last_name: 'Anderson' },
	{ email: 'bob@example.com', id: 'sim-user-bob', member_id: 'mbrB0b9e8f7a6b5c', display_name: 'Bob Brown', first_name: 'Bob', last_name: 'Brown' },
	{ email: 'carol@example.com', id: 'sim-user-carol', member_id: 'mbrCar01d4e5f6a7', display_name: 'Carol Chen', first_name: 'Carol', last_name: 'Chen' },
	{ email: 'dmitri@example.com', id: 'sim-user-dmitri', member_id: 'mbrDm1tr1b2c3d4e', display_name: 'Дмитрий Иванов', first_name: 'Дмитрий', last_name: 'Иванов' },
	{ email: 'fatima@example.com', id: 'sim-user-fatima', member_id: 'mbrFat1maa1b2c3d', display_name: 'فاطمة الزهراء', first_name: 'فاطمة', last_name: 'الزهراء' },
	{ email: 'francois@example.fr', id: 'sim-user-francois', member_id: 'mbrFr4nc0159e8d7', display_name: 'François Dupont', first_name: 'François', last_name: 'Dupont' },
	{ email: 'yuki@example.jp', id: 'sim-user-yuki', member_id: 'mbrYuk1f0e1d2c3b', display_name: '佐藤 雪', first_name: '雪', last_name: '佐藤' },
];

const OWNER = PEOPLE[0];

const WORDS = (
	'the build deploy review merge branch release ticket sprint standup retro demo customer api ' +
	'latency bug fix test flaky pipeline staging production rollback metrics dashboard alert oncall ' +
	'lunch coffee meeting agenda notes draft spec design docs migration database index cache queue ' +
	'worker timeout retry token login invoice report export import schedule tomorrow today friday ' +
	'please thanks great done blocked waiting approved shipped checking looks good nice idea maybe'
).split(' ');

const CAP_WORDS = WORDS.map((w) => w[0].toUpperCase() + w.slice(1));
const ENDINGS = ['.', '.', '.', '!', '?', '', ' 🙂', ' 👍'];

/** Texts that stress encoders, renderers and comparisons. Each appears at least once in grp-eng. */
const SPECIAL_TEXTS = [
	'🎉 Release 2.0 shipped! 🚀🔥',
	'👩‍💻 ZWJ sequences 👨‍👩‍👧‍👦, flags 🇫🇷🇯🇵, skin tone 👍🏽',
	'今日の会議は15時からです。よろしくお願いします。',
	'数据导出完成了吗？',
	'회의실 예약했습니다',
	'مرحبا بالفريق، الاجتماع غدا في العاشرة',
	'שלום לכולם! the meeting is at 10',
	'Cafe\u0301 vs Caf\u00e9: combining acute vs precomposed',
	'Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032d\u0308\u0307l\u036e\u0312\u036b g\u030c\u0317\u035a\u031ao\u0319\u0314\u036e\u0307\u0350\u0307 (combining marks)',
	'He said "ship it" and left.',
	"It's O'Brien's turn: 'single' quotes",
	'Line one\nLine two\n\nLine four after a blank line',
	'Tabs\tand\ttabs, CRLF\r\nnext line',
	'Backslashes \\ and a literal \\n, path C:\\temp\\new',
	'<script>alert("xss")</script> & <b>bold</b> &amp;',
	'{"json": "inside", "n": 1}',
	'{{ $json.message }} must not be evaluated',
	'  leading and trailing spaces  ',
	'=1+1 starts with an equals sign',
	'Math: \u{1d465}\u00b2 + \u{1d466}\u00b2 = \u{1d467}\u00b2 (astral plane letters)',
	'zero\u200bwidth\u200bspaces',
	'null',
	'Long message: ' + 'lorem ipsum dolor sit amet '.repeat(180).trim(),
];

/** @param {number} sec epoch seconds @returns {string} 'yyyy-MM-ddTHH:mm:ssZ' */
const dayCache = new Map();
const pad2 = (n) => (n < 10 ? '0' + n : '' + n);
function isoSec(sec) {
	const day = Math.floor(sec / DAY);
	let prefix = dayCache.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY * 1000).toISOString().slice(0, 11);
		dayCache.set(day, prefix);
	}
	const r = sec - day * DAY;
	return prefix + pad2(Math.floor(r / 3600)) + ':' + pad2(Math.floor((r % 3600) / 60)) + ':' + pad2(r % 60) + 'Z';
}

/** @param {string} ymd @returns {number} epoch seconds of that UTC midnight */
function dayStart(ymd) {
	return Date.parse(ymd + 'T00:00:00Z') / 1000;
}

/** UTC month starts (epoch seconds) from the month of `fromYmd` to the month of `toYmd`. */
function monthStarts(fromYmd, toYmd) {
	const out = [];
	let y = Number(fromYmd.slice(0, 4));
	let m = Number(fromYmd.slice(5, 7)) - 1;
	const end = dayStart(toYmd);
	for (;;) {
		const s = Date.UTC(y, m, 1) / 1000;
		if (s > end) break;
		out.push(s);
		m++;
		if (m === 12) {
			m = 0;
			y++;
		}
	}
	return out;
}

/** A random "normal" chat sentence. */
function sentence(rng, min = 3, max = 14) {
	const n = rng.int(min, max);
	let s = CAP_WORDS[Math.floor(rng.next() * WORDS.length)];
	for (let i = 1; i < n; i++) s += ' ' + WORDS[Math.floor(rng.next() * WORDS.length)];
	return s + ENDINGS[Math.floor(rng.next() * ENDINGS.length)];
}

/**
 * Sort raw generated IM messages by time (stable on generation order) and give each a seq.
 * @param {{t:number,sender:string,message:string}[]} raw
 */
function finishIm(raw) {
	const withGen = raw.map((m, gen) => ({ m, gen }));
	withGen.sort((a, b) => a.m.t - b.m.t || a.gen - b.gen);
	return withGen.map(({ m }, i) => ({ seq: i, date_time: isoSec(m.t), sender: m.sender, message: m.message }));
}

function genEngineering(seed) {
	const rng = new Rng(seed, 'im:grp-eng');
	const senders = PEOPLE.map((p) => p.email);
	const start = dayStart('2025-09-01');
	const end = dayStart('2026-10-31');
	/** @type {{t:number,sender:string,message:string}[]} */
	const raw = [];
	const rnd = () => ({ sender: rng.pick(senders), message: rng.chance(0.03) ? rng.pick(SPECIAL_TEXTS) : sentence(rng) });
	for (let d = start; d <= end; d += DAY) {
		const dow = new Date(d * 1000).getUTCDay();
		const n = dow === 0 || dow === 6 ? rng.int(0, 3) : rng.int(5, 12);
		for (let i = 0; i < n; i++) raw.push({ t: d + rng.int(7 * 3600, 20 * 3600), ...rnd() });
	}
	// Month and mid-month boundaries: exact first and last seconds of days.
	for (const ms of monthStarts('2025-09-01', '2026-10-31')) {
		const nextMonth = new Date(ms * 1000);
		nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
		const lastDay = nextMonth.getTime() / 1000 - DAY;
		const marks = [ms, ms + DAY - 1, lastDay, lastDay + DAY - 1, ms + 13 * DAY + DAY - 1, ms + 14 * DAY];
		for (const t of marks) raw.push({ t, sender: rng.pick(senders), message: `Boundary message at ${isoSec(t)}` });
	}
	// A few more exact-midnight / last-second messages on random days.
	for (let i = 0; i < 20; i++) {
		const d = start + rng.int(0, (end - start) / DAY) * DAY;
		raw.push({ t: rng.chance(0.5) ? d : d + DAY - 1, ...rnd() });
	}
	// Groups of messages sharing the same second.
	for (let g = 0; g < 25; g++) {
		const t = start + rng.int(0, end - start + DAY - 1);
		const k = rng.int(2, 5);
		for (let i = 0; i < k; i++) raw.push({ t, sender: rng.pick(senders), message: sentence(rng) });
	}
	// Fully identical messages (same sender, text and second).
	const dup = (t, sender, message, times) => {
		for (let i = 0; i < times; i++) raw.push({ t, sender, message });
	};
	dup(dayStart('2025-10-15') + 10 * 3600 + 30 * 60, 'alice@example.com', 'Same message twice', 2);
	dup(dayStart('2026-01-31') + 23 * 3600 + 59 * 60 + 59, 'bob@example.com', '👍', 3);
	dup(dayStart('2026-06-01') + 9 * 3600, 'carol@example.com', 'ok', 2);
	// Identical messages that are not adjacent: A, B, A in one second.
	{
		const t = dayStart('2026-03-10') + 14 * 3600 + 5;
		raw.push({ t, sender: 'dmitri@example.com', message: 'ping' });
		raw.push({ t, sender: 'alice@example.com', message: 'pong' });
		raw.push({ t, sender: 'dmitri@example.com', message: 'ping' });
	}
	// Every special text at least once.
	for (const message of SPECIAL_TEXTS) raw.push({ t: start + rng.int(0, end - start + DAY - 1), sender: rng.pick(senders), message });
	return finishIm(raw);
}

function genYear(seed) {
	const rng = new Rng(seed, 'im:grp-year');
	const senders = PEOPLE.map((p) => p.email);
	const start = dayStart('2025-01-01');
	const last = dayStart('2025-12-31') + DAY - 1;
	const times = [start, last];
	while (times.length < 12000) times.push(rng.int(start, last));
	times.sort((a, b) => a - b);
	return times.map((t, i) => ({
		seq: i,
		date_time: isoSec(t),
		sender: rng.pick(senders),
		message: `Bench message ${i + 1}: ${sentence(rng, 2, 8)}`,
	}));
}

function genSmall(seed, stream, fromYmd, toYmd, count, senders, textFn) {
	const rng = new Rng(seed, stream);
	const start = dayStart(fromYmd);
	const last = dayStart(toYmd) + DAY - 1;
	const raw = [];
	for (let i = 0; i < count; i++) raw.push({ t: rng.int(start, last), sender: rng.pick(senders), message: textFn(rng, i) });
	return finishIm(raw);
}

const FRENCH = [
	'Réunion déplacée à jeudi, ça vous va ?',
	'Très bien, merci à tous !',
	"L'équipe a terminé la mise à jour.",
	'Où est le compte rendu de la réunion ?',
	'À demain 👋',
	'Noël approche : n’oubliez pas les congés.',
	'Garçon, un café crème s’il vous plaît ☕',
	'Leçon apprise : toujours vérifier les fuseaux horaires.',
];

/** Defines `messages` as a property generated on first access (keeps construction fast). */
function lazyMessages(session, gen) {
	let cache;
	Object.defineProperty(session, 'messages', {
		enumerable: true,
		configurable: true,
		get() {
			if (!cache) cache = gen();
			return cache;
		},
		set(v) {
			cache = v;
		},
	});
	return session;
}

function buildIm(seed) {
	const all = PEOPLE.map((p) => p.email);
	return [
		{ session_id: 'grp-eng', name: 'Engineering', type: 'Group', messages: genEngineering(seed) },
		lazyMessages({ session_id: 'grp-year', name: 'Bench year', type: 'Group' }, () => genYear(seed)),
		{ session_id: 'empty-session', name: 'Quiet room', type: 'Group', messages: [] },
		{
			session_id: 'alice@example.com',
			name: 'Alice',
			type: '1:1',
			messages: genSmall(seed, 'im:alice', '2026-10-01', '2026-10-31', 40, ['owner@example.com', 'alice@example.com'], (r) => sentence(r)),
		},
		{
			session_id: 'c2Vzc2lvbi0z+Kw==',
			name: 'Base64 id',
			type: 'Group',
			messages: genSmall(seed, 'im:b64', '2026-09-01', '2026-10-31', 30, all, (r, i) => `B64 session message ${i + 1}: ${sentence(r, 2, 6)}`),
		},
		{
			session_id: 'équipe-é',
			name: 'Équipe',
			type: 'Group',
			messages: genSmall(seed, 'im:equipe', '2026-10-01', '2026-10-31', 20, ['francois@example.fr', 'owner@example.com', 'alice@example.com'], (r) => r.pick(FRENCH)),
		},
	];
}

// ---------------------------------------------------------------------------------------------
// Team Chat

const FILE_NAMES = ['report.pdf', 'Résumé final (v2).pdf', 'screenshot 2026-01-01 at 10.00.00.png', '報告書.docx', 'data export.csv', 'logo.svg', 'notes & ideas.txt', 'voice message.amr'];
/**
 * Reactions in Zoom's form: "The emoji's Unicode value in UTF-32 format", e.g. "U+1F600". Zoom
 * shows no emoji of several code points; the simulator writes them space-separated ("U+2764
 * U+FE0F" is ❤️), and the node reads every usual separator.
 */
const EMOJIS = ['U+1F44D', 'U+2764 U+FE0F', 'U+1F602', 'U+1F389', 'U+1F440', 'U+2705'];
/** A bot's message as Zoom passes it on (the chatbot's JSON, `head` and `body`). */
const BOT_TEXTS = ['Build #%d passed', 'Deploy #%d finished', 'Reminder %d: standup in 5 minutes'];

/**
 * @param {Rng} rng
 * @param {{t:number,ms:number,sender:any,message:string}[]} raw
 * @param {{edited:number,deleted:number,files:number,reactions:number,replies:number}} p
 */
function finishTeam(rng, raw, p) {
	const withGen = raw.map((m, gen) => ({ m, gen }));
	withGen.sort((a, b) => a.m.t * 1000 + a.m.ms - (b.m.t * 1000 + b.m.ms) || a.gen - b.gen);
	const out = [];
	for (let i = 0; i < withGen.length; i++) {
		const { m } = withGen[i];
		const timestamp = m.t * 1000 + m.ms;
		/** @type {any} */
		const msg = {
			seq: i,
			id: rng.uuid(),
			message: m.message,
			sender: m.sender.email,
			sender_member_id: m.sender.member_id,
			sender_display_name: m.sender.display_name,
			date_time: isoSec(m.t),
			timestamp,
			status: 'Normal',
		};
		const r = rng.next();
		if (r < p.deleted) msg.status = 'Deleted';
		else if (r < p.deleted + p.edited) {
			msg.status = 'Edited';
			msg.message = m.message + ' (edited)';
		}
		if (rng.chance(p.files)) {
			const n = rng.int(1, 2);
			msg.files = [];
			for (let k = 0; k < n; k++) msg.files.push({ file_id: rng.alnum(22), file_name: rng.pick(FILE_NAMES), file_size: rng.int(200, 400000) });
		}
		if (rng.chance(p.reactions)) {
			const n = rng.int(1, 2);
			msg.reactions = [];
			for (let k = 0; k < n; k++) {
				const senders = [];
				const c = rng.int(1, 3);
				for (let j = 0; j < c; j++) {
					const e = rng.pick(PEOPLE).email;
					if (!senders.includes(e)) senders.push(e);
				}
				msg.reactions.push({ emoji: EMOJIS[(k + rng.int(0, EMOJIS.length - 1)) % EMOJIS.length], total_count: senders.length, senders });
			}
		}
		if (out.length > 0 && rng.chance(p.replies)) {
			const lo = Math.max(0, out.length - 30);
			const main = out[rng.int(lo, out.length - 1)];
			if (!main.reply_main_message_id) {
				msg.reply_main_message_id = main.id;
				msg.reply_main_message_timestamp = main.timestamp;
			}
		}
		out.push(msg);
	}
	return out;
}

/**
 * Mentions (`at_items`, with the text starting "@Name") and bot messages (`bot_message`), drawn
 * from a stream of their own so that the rest of the data stays as it was without them.
 */
function addMentionsAndBots(rng, messages, p) {
	let bots = 0;
	for (const msg of messages) {
		// Texts that tests look for keep their exact wording.
		if (SPECIAL_TEXTS.includes(msg.message) || msg.message.startsWith('Boundary message')) continue;
		if (rng.chance(p.mentions || 0)) {
			const person = rng.pick(PEOPLE);
			const at = `@${person.display_name}`;
			msg.message = `${at} ${msg.message}`;
			msg.at_items = [{ at_contact: person.id, at_contact_member_id: person.member_id, at_type: 1, start_position: 0, end_position: at.length - 1 }];
		} else if (rng.chance(p.bots || 0)) {
			const text = rng.pick(BOT_TEXTS).replace('%d', String(++bots));
			msg.message = text;
			msg.bot_message = { head: { text }, body: [{ type: 'message', text: `${text} (${msg.date_time})` }] };
		}
	}
}

function genTeam(seed, stream, fromYmd, toYmd, opts) {
	const rng = new Rng(seed, stream);
	const start = dayStart(fromYmd);
	const end = dayStart(toYmd);
	const raw = [];
	const senders = opts.senders;
	const text = () => (rng.chance(0.04) ? rng.pick(SPECIAL_TEXTS) : sentence(rng));
	if (opts.perWeekday) {
		for (let d = start; d <= end; d += DAY) {
			const dow = new Date(d * 1000).getUTCDay();
			const [lo, hi] = dow === 0 || dow === 6 ? opts.perWeekend : opts.perWeekday;
			const n = rng.int(lo, hi);
			for (let i = 0; i < n; i++) raw.push({ t: d + rng.int(6 * 3600, 21 * 3600), ms: rng.int(0, 999), sender: rng.pick(senders), message: text() });
		}
	} else {
		for (let i = 0; i < opts.count; i++) raw.push({ t: rng.int(start, end + DAY - 1), ms: rng.int(0, 999), sender: rng.pick(senders), message: text() });
	}
	if (opts.boundaries) {
		for (const ms of monthStarts(fromYmd, toYmd)) {
			const nm = new Date(ms * 1000);
			nm.setUTCMonth(nm.getUTCMonth() + 1);
			const lastDay = nm.getTime() / 1000 - DAY;
			raw.push({ t: ms, ms: 0, sender: rng.pick(senders), message: `Boundary message at ${isoSec(ms)}.000` });
			raw.push({ t: lastDay + DAY - 1, ms: 999, sender: rng.pick(senders), message: `Boundary message at ${isoSec(lastDay + DAY - 1).slice(0, 19)}.999Z` });
		}
	}
	for (let g = 0; g < (opts.sameSecondGroups || 0); g++) {
		const t = rng.int(start, end + DAY - 1);
		const k = rng.int(2, 4);
		const sameMs = rng.chance(0.4) ? rng.int(0, 999) : -1;
		for (let i = 0; i < k; i++) raw.push({ t, ms: sameMs >= 0 ? sameMs : rng.int(0, 999), sender: rng.pick(senders), message: sentence(rng) });
	}
	const messages = finishTeam(rng, raw, opts.p);
	addMentionsAndBots(new Rng(seed, `${stream}:parts`), messages, opts.p);
	return messages;
}

function buildTeamChat(seed) {
	const everyone = PEOPLE;
	const rich = { edited: 0.06, deleted: 0.04, files: 0.05, reactions: 0.08, replies: 0.1, mentions: 0.04, bots: 0.02 };
	const channels = [
		{
			id: 'ch-general',
			name: 'General',
			type: 3,
			messages: genTeam(seed, 'tc:general', '2025-11-01', '2026-10-31', {
				senders: everyone,
				perWeekday: [3, 8],
				perWeekend: [0, 2],
				boundaries: true,
				sameSecondGroups: 20,
				p: rich,
			}),
		},
		{
			id: 'ch-random',
			name: 'Random',
			type: 3,
			messages: genTeam(seed, 'tc:random', '2025-11-01', '2026-10-31', {
				senders: everyone,
				count: 200,
				p: { edited: 0.05, deleted: 0.03, files: 0.03, reactions: 0.05, replies: 0.05 },
			}),
		},
		{ id: 'ch-empty', name: 'Empty channel', type: 1, messages: [] },
	];
	const rng = new Rng(seed, 'tc:fillers');
	const themes = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett'];
	for (let i = 1; i <= 60; i++) {
		const n = String(i).padStart(2, '0');
		channels.push({ id: `ch-filler-${n}`, name: `Project ${n} ${themes[(i - 1) % themes.length]}`, type: rng.pick([1, 2, 3, 5]), messages: [] });
	}
	for (const c of channels) {
		c.jid = `${c.id.replace(/[^a-z0-9]/g, '')}${new Rng(seed, 'jid:' + c.id).hex(8)}@conference.xmpp.zoom.us`;
		c.channel_settings = {
			new_members_can_see_previous_messages_files: true,
			allow_to_add_external_users: 0,
			posting_permissions: 1,
			mention_all_permissions: 1,
		};
	}
	const bob = PEOPLE.find((p) => p.email === 'bob@example.com');
	const carol = PEOPLE.find((p) => p.email === 'carol@example.com');
	const contacts = [
		{
			person: bob,
			messages: genTeam(seed, 'tc:bob', '2026-01-01', '2026-10-31', {
				senders: [OWNER, bob],
				count: 100,
				sameSecondGroups: 2,
				p: { edited: 0.05, deleted: 0.03, files: 0.05, reactions: 0.05, replies: 0.05 },
			}),
		},
		{ person: carol, messages: [] },
	];
	return { channels, contacts };
}

/**
 * @param {number} seed
 * @param {string} name
 */
function buildDataset(seed, name = 'default') {
	if (name !== 'default') throw new Error(`Unknown simulator dataset: ${name}`);
	const im = buildIm(seed);
	const { channels, contacts } = buildTeamChat(seed);
	return { user: OWNER, people: PEOPLE, im, channels, contacts };
}

module.exports = { buildDataset, PEOPLE, OWNER, SPECIAL_TEXTS, isoSec };
