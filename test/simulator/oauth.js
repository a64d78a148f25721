'use strict';
/**
 * The OAuth side of the simulator: access and refresh tokens, their scopes, the token endpoint
 * (POST /oauth/token) and the authorize endpoint (GET /oauth/authorize). Methods of ZoomSimulator.
 */
const { ApiError, randomAlnum, toMs } = require('./common');

/** Read-only user scopes (issueTokens({ readOnly: true })): what user tokens carried before Team Chat writes. */
const READ_SCOPE = 'imchat:read chat_message:read chat_channel:read';
/** Scopes of tokens a user grants (authorization code, refresh, issueTokens()): the reads and Team Chat writes (chat_message:write covers send, update, delete, react and files). */
const SCOPE = `${READ_SCOPE} chat_message:write`;
/** Scopes of server-to-server (account) tokens: such apps read on behalf of the account's users. */
const ACCOUNT_SCOPE = 'imchat:read chat_message:read:admin chat_channel:read:admin';
const EXPIRES_IN = 3599;
const REFRESH_TTL_MS = 90 * 24 * 3600 * 1000;
const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

class OAuthMethods {
	_nowMs() {
		return toMs(this.options.now());
	}

	_newAccessToken(grant, scope) {
		const token = `sim-at-${randomAlnum(40)}`;
		this._accessTokens.set(token, { expiresAt: this._nowMs() + EXPIRES_IN * 1000, expired: false, grant, scope });
		this._stats.accessTokensIssued++;
		return token;
	}

	_newRefreshToken(scope) {
		const token = `sim-rt-${randomAlnum(40)}`;
		this._refreshTokens.set(token, { expiresAt: this._nowMs() + REFRESH_TTL_MS, used: false, scope });
		return token;
	}

	_tokenAnswer(grant, withRefresh, scope = grant === 'account_credentials' ? this.options.accountScope || ACCOUNT_SCOPE : SCOPE) {
		/** @type {any} */
		const body = { access_token: this._newAccessToken(grant, scope), token_type: 'bearer' };
		if (withRefresh) body.refresh_token = this._newRefreshToken(scope);
		body.expires_in = EXPIRES_IN;
		body.scope = scope;
		if (this.options.apiUrlInTokenResponse) body.api_url = `${this.url}/eu`;
		return body;
	}

	/**
	 * A fresh valid access/refresh pair (e.g. to import into n8n credentials). `scope` (space
	 * separated) replaces the default user scopes; `readOnly: true` leaves out the write scope;
	 * refreshing keeps the scopes.
	 */
	issueTokens(options = {}) {
		return this._tokenAnswer('issued', true, options.scope !== undefined ? options.scope : options.readOnly ? READ_SCOPE : SCOPE);
	}

	/** Every access token issued so far now answers 401 code 124 "Access token is expired.". */
	expireAccessTokens() {
		for (const t of this._accessTokens.values()) t.expired = true;
	}

	tokenStats() {
		const now = this._nowMs();
		const currentRefreshTokens = [];
		for (const [tok, r] of this._refreshTokens) if (!r.used && now < r.expiresAt) currentRefreshTokens.push(tok);
		return { ...this._stats, currentRefreshTokens };
	}

	/** @returns {'ok'|'invalid'|'expired'} */
	_checkAuth(headers) {
		const h = headers.authorization;
		const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
		if (!m) return 'invalid';
		const t = this._accessTokens.get(m[1]);
		if (!t) return 'invalid';
		if (t.expired || this._nowMs() >= t.expiresAt) return 'expired';
		return 'ok';
	}

	/** How the request's access token was granted, e.g. 'account_credentials' (call after _checkAuth said 'ok'). */
	_grantOf(headers) {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
		const t = m ? this._accessTokens.get(m[1]) : undefined;
		return t ? t.grant : undefined;
	}

	/** The scopes of the request's access token (call after _checkAuth said 'ok'). @returns {string[]} */
	_scopesOf(headers) {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
		const t = m ? this._accessTokens.get(m[1]) : undefined;
		return t && typeof t.scope === 'string' ? t.scope.split(/\s+/).filter(Boolean) : [];
	}

	_handleToken(rec) {
		const params = new URLSearchParams(rec.url.includes('?') ? rec.url.slice(rec.url.indexOf('?') + 1) : '');
		if (rec.body) {
			const ct = String(rec.headers['content-type'] || '');
			if (ct.includes('json')) {
				try {
					const j = JSON.parse(rec.body);
					for (const [k, v] of Object.entries(j)) params.set(k, String(v));
				} catch {
					/* ignore */
				}
			} else {
				for (const [k, v] of new URLSearchParams(rec.body)) params.set(k, v);
			}
		}
		const basic = /^Basic\s+(\S+)\s*$/i.exec(String(rec.headers.authorization || ''));
		let id = '';
		let secret = '';
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			id = i >= 0 ? decoded.slice(0, i) : decoded;
			secret = i >= 0 ? decoded.slice(i + 1) : '';
		}
		if (id !== this.client.clientId || secret !== this.client.clientSecret) {
			throw new ApiError(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
		}
		const grant = params.get('grant_type');
		const now = this._nowMs();
		if (grant === 'refresh_token') {
			const r = params.get('refresh_token') || '';
			const entry = this._refreshTokens.get(r);
			if (!entry || entry.used || now >= entry.expiresAt) {
				this._stats.rejectedRefreshes++;
				throw new ApiError(400, { reason: 'Invalid Token!', error: 'invalid_request' });
			}
			entry.used = true;
			this._stats.refreshGrants++;
			return { status: 200, body: this._tokenAnswer('refresh_token', true, entry.scope !== undefined ? entry.scope : SCOPE), headers: { 'cache-control': 'no-store' } };
		}
		if (grant === 'account_credentials') {
			if (params.get('account_id') !== this.client.accountId) throw new ApiError(400, { reason: 'Invalid account_id', error: 'invalid_request' });
			this._stats.accountCredentialsGrants++;
			return { status: 200, body: this._tokenAnswer('account_credentials', false), headers: { 'cache-control': 'no-store' } };
		}
		if (grant === 'authorization_code') {
			const code = params.get('code') || '';
			const entry = this._authCodes.get(code);
			if (!entry || entry.used || now - entry.createdAt > AUTH_CODE_TTL_MS) {
				throw new ApiError(400, { reason: 'Invalid authorization code', error: 'invalid_request' });
			}
			if (entry.redirectUri !== undefined && params.get('redirect_uri') !== entry.redirectUri) {
				throw new ApiError(400, { reason: 'Redirect URI mismatch.', error: 'invalid_request' });
			}
			entry.used = true;
			this._stats.authorizationCodeGrants++;
			return { status: 200, body: this._tokenAnswer('authorization_code', true), headers: { 'cache-control': 'no-store' } };
		}
		throw new ApiError(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
	}

	_handleAuthorize(rec) {
		const q = rec.query;
		if (q.client_id !== this.client.clientId) throw new ApiError(400, { reason: `Invalid client_id: ${q.client_id || ''}`, error: 'invalid_client' });
		if (q.response_type !== 'code') throw new ApiError(400, { reason: 'Unsupported response_type', error: 'unsupported_response_type' });
		if (!q.redirect_uri) throw new ApiError(400, { reason: 'Missing redirect_uri', error: 'invalid_request' });
		let target;
		try {
			target = new URL(q.redirect_uri);
		} catch {
			throw new ApiError(400, { reason: 'Invalid redirect_uri', error: 'invalid_request' });
		}
		const code = randomAlnum(32);
		this._authCodes.set(code, { redirectUri: q.redirect_uri, createdAt: this._nowMs(), used: false });
		target.searchParams.set('code', code);
		if (q.state !== undefined) target.searchParams.set('state', q.state);
		return { status: 302, body: undefined, headers: { location: target.toString() } };
	}
}

module.exports = { OAuthMethods, SCOPE, READ_SCOPE, ACCOUNT_SCOPE };
