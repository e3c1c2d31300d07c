// The JSON API client: bearer tokens in localStorage, one refresh on 401, errors as ApiError
// (the server's {"error":{"code","message"}}) or NetworkError (no connection).
const TOKENS = 'bb.tokens';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || String(status));
    this.status = status;
    this.code = code;
  }
}

export class NetworkError extends Error {}

let language = 'da';

export function setApiLanguage(lang) { language = lang; }

export function tokens() {
  try { return JSON.parse(localStorage.getItem(TOKENS)); } catch { return null; }
}

export function saveTokens(t) {
  localStorage.setItem(TOKENS, JSON.stringify({ access: t.access_token, refresh: t.refresh_token }));
}

export function clearTokens() { localStorage.removeItem(TOKENS); }

async function send(method, path, body, headers, bearer) {
  const h = { Accept: 'application/json', 'Accept-Language': language, ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (bearer) h.Authorization = 'Bearer ' + bearer;
  try {
    return await fetch(path, { method, headers: h, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new NetworkError(e.message);
  }
}

let refreshing = null;

// refresh swaps the refresh token for a new pair once, however many calls wait for it.
async function refresh(t) {
  if (!refreshing) {
    refreshing = send('POST', '/v1/auth/refresh', { refresh_token: t.refresh }, {})
      .then(async (res) => { if (res.ok) saveTokens(await res.json()); return res.ok; })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

// api calls the JSON API as the signed-in citizen and returns the decoded answer.
export async function api(method, path, body, headers = {}) {
  const t = tokens();
  let res = await send(method, path, body, headers, t && t.access);
  if (res.status === 401 && t && t.refresh && await refresh(t)) {
    res = await send(method, path, body, headers, tokens().access);
  }
  if (res.status === 401 && t) {
    clearTokens();
    window.dispatchEvent(new Event('bb:signedout'));
  }
  if (!res.ok) {
    let err = {};
    try { err = (await res.json()).error || {}; } catch { /* not JSON */ }
    throw new ApiError(res.status, err.code, err.message);
  }
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}
