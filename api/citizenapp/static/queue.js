// The offline queue of check-in answers, in localStorage so it survives closing the app. An
// answer is sent once the network is there; the API treats (check-in, item) as the idempotency
// key, so sending an answer again after a lost response changes nothing.
import { api, NetworkError } from './api.js';

const KEY = 'bb.queue';

export function queued() {
  try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch { return []; }
}

function store(q) { localStorage.setItem(KEY, JSON.stringify(q)); }

const same = (a, b) => a.checkin === b.checkin && a.item === b.item;

export function enqueue(answer) {
  store([...queued().filter((x) => !same(x, answer)), answer]);
}

export function clearQueue() { localStorage.removeItem(KEY); }

let running = null;

// flush sends the queued answers in order, one request each; it stops at the first network
// failure or server error and keeps the rest. Only one flush runs at a time. It resolves to
// {sent, left, offline}.
export function flush() {
  if (!running) running = drain().finally(() => { running = null; });
  return running;
}

async function drain() {
  let sent = 0;
  for (;;) {
    const next = queued()[0];
    if (!next) return { sent, left: 0, offline: false };
    try {
      await api('POST', `/v1/me/checkins/${encodeURIComponent(next.checkin)}/answers`,
        { answers: [{ item: next.item, value: next.value }] });
      sent++;
    } catch (e) {
      if (e instanceof NetworkError || e.status >= 500 || e.status === 401 || e.status === 429) {
        return { sent, left: queued().length, offline: e instanceof NetworkError };
      }
      // 400, 404 or 409: the check-in is gone or closed; the answer can never be stored.
    }
    store(queued().filter((x) => !same(x, next)));
  }
}
