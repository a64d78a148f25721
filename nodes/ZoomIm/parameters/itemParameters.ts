import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULTS } from '../descriptions/options';
import { limitProperty } from '../descriptions/paging';
import type { DayRange } from '../reading/calendar';
import type { ZoomAuthentication } from '../transport';
import { checkPaceAndRetry, type PaceAndRetryOptions } from './nodeParameters';
import { checkLimit, checkPositiveNumber, checkTimezone, resolveDayRange } from './validation';

/**
 * The parameters every operation of the node reads for one input item, read and checked the same
 * way everywhere: the connection, the timezone, Return All / Limit and From / To. Each check
 * throws ParameterProblem before anything is sent.
 */

export interface ConnectionParameters extends PaceAndRetryOptions {
	requestTimeout?: number;
	timezone?: string;
}

export interface ItemConnection {
	authentication: ZoomAuthentication;
	paceAndRetry: ReturnType<typeof checkPaceAndRetry>;
	requestTimeout: number;
}

/** The credential choice and the pace/retry options of one item. */
export function readConnection(ctx: IExecuteFunctions, i: number, raw: ConnectionParameters): ItemConnection {
	return {
		authentication: ctx.getNodeParameter('authentication', i, 'oAuth2') as ZoomAuthentication,
		paceAndRetry: checkPaceAndRetry(raw),
		requestTimeout: checkPositiveNumber(raw.requestTimeout ?? DEFAULTS.requestTimeout, 'Request Timeout (Ms)', { min: 1 }),
	};
}

/** The item's timezone: the Timezone option, or the workflow's. */
export function readZone(ctx: IExecuteFunctions, raw: ConnectionParameters): string {
	return raw.timezone ? checkTimezone(raw.timezone) : ctx.getTimezone();
}

/** Return All / Limit: undefined when every result is wanted. */
export function readLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	return returnAll ? undefined : checkLimit(ctx.getNodeParameter('limit', i, limitProperty.default));
}

/** How far back the source serves: throws ParameterProblem for a range that starts earlier. */
export type RecentRangeCheck = (range: DayRange, fromValue: unknown, zone: string, now: number) => void;

/** From / To as calendar days in `zone`, refused by `recentOnly` when the source does not keep them. */
export function readDayRange(ctx: IExecuteFunctions, i: number, zone: string, recentOnly?: RecentRangeCheck): DayRange {
	const from = ctx.getNodeParameter('from', i, undefined);
	const now = Date.now();
	const range = resolveDayRange(from, ctx.getNodeParameter('to', i, undefined), zone, now);
	recentOnly?.(range, from, zone, now);
	return range;
}
