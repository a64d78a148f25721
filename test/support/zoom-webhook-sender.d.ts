/** Types for test/support/zoom-webhook-sender.js. */
export interface WebhookAnswer {
	status: number;
	text: string;
	json: unknown;
	ms: number;
}
export interface ZoomEventBody {
	event: string;
	event_ts: number;
	payload: { operator: string; operator_member_id: string; object: Record<string, unknown>; [key: string]: unknown };
}
export declare function zoomSignatureOf(secretToken: string, timestamp: string, body: string): string;
export declare function encryptedTokenOf(secretToken: string, plainToken: string): string;
export declare function sendZoomWebhook(
	url: string,
	body: unknown,
	options?: {
		secretToken?: string;
		timestamp?: string;
		signature?: string;
		alterAfterSigning?: (body: string) => string;
		contentType?: string;
	},
): Promise<WebhookAnswer>;
export declare function urlValidationBody(plainToken: string): { event: string; event_ts: number; payload: { plainToken: string } };
export declare function messageId(): string;
export declare function channelMessageEvent(options?: {
	event?: string;
	id?: string;
	message?: string;
	channelId?: string;
	channelName?: string;
	operator?: string;
	memberId?: string;
	eventTs?: number;
	dateTime?: string;
}): ZoomEventBody;
export declare function directMessageEvent(options?: {
	event?: string;
	id?: string;
	message?: string;
	operator?: string;
	contactEmail?: string;
	eventTs?: number;
}): ZoomEventBody;
