/** One request to a test server with fetch, redirects not followed: the status, headers, text and the text as JSON (undefined if it is not JSON). */
export interface FetchAnswer<J> {
	status: number;
	headers: Headers;
	text: string;
	json: J | undefined;
}

export async function fetchAnswer<J>(url: string, init: RequestInit = {}): Promise<FetchAnswer<J>> {
	const res = await fetch(url, { redirect: 'manual', ...init });
	const text = await res.text();
	let json: J | undefined;
	try {
		json = JSON.parse(text) as J;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}
