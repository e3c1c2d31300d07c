// The citizen app: one screen at a time, chosen by the URL's hash (#/home, #/checkin/ID, …).
// Screens are built with DOM calls (no HTML strings), so nothing the server sends is run.
import { api, ApiError, NetworkError, tokens, saveTokens, clearTokens, setApiLanguage } from './api.js';
import { enqueue, flush, queued, clearQueue } from './queue.js';
import { enablePush } from './push.js';
import { texts } from './texts.js';

const main = document.getElementById('main');
const live = document.getElementById('live');
const net = document.getElementById('net');
let lang = localStorage.getItem('bb.lang') === 'en' ? 'en' : 'da';
let me = null;

function t(key, vars = {}) {
  const s = texts[lang][key] ?? texts.da[key] ?? key;
  return typeof s === 'string' ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : s;
}

// h builds an element: h('p', {class: 'x'}, 'text', child, …).
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c);
  return el;
}

function say(message) {
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 50);
}

function setLanguage(l) {
  lang = l === 'en' ? 'en' : 'da';
  localStorage.setItem('bb.lang', lang);
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('nav').setAttribute('aria-label', t('nav'));
  for (const [id, key] of [['nav-home', 'navHome'], ['nav-settings', 'navSettings'], ['nav-data', 'navData']]) {
    document.getElementById(id).textContent = t(key);
  }
}

// show replaces the screen and moves focus to its heading, so a screen reader starts there.
function show(title, ...content) {
  const heading = h('h1', { tabindex: '-1', id: 'screen-title' }, title);
  main.replaceChildren(heading, ...content.filter((c) => c != null));
  document.title = title + ' · Brobygger';
  heading.focus();
}

function notice(text, kind = 'info') {
  return h('p', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

function errorText(e) {
  if (e instanceof NetworkError) return t('networkError');
  if (e instanceof ApiError && e.message && e.status < 500) return e.message;
  return t('error');
}

function markNav(name) {
  const nav = document.getElementById('nav');
  nav.hidden = !tokens();
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.nav === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

function workerName() { return (me && me.link_worker_first_name) || ''; }

async function loadMe() {
  me = await api('GET', '/v1/me');
  if (me.language !== lang) setLanguage(me.language);
  return me;
}

// ---- sign in -------------------------------------------------------------------------------

// screenSignIn asks for a mobile number, or (byEmail) an e-mail address, and sends a code to it.
function screenSignIn(byEmail) {
  byEmail = byEmail === true;
  markNav('');
  const err = h('div');
  const field = byEmail
    ? h('input', { id: 'email', name: 'email', type: 'email', inputmode: 'email', autocomplete: 'email', required: true, 'aria-describedby': 'email-hint' })
    : h('input', { id: 'phone', name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', required: true, 'aria-describedby': 'phone-hint' });
  const name = byEmail ? 'email' : 'phone';
  const form = h('form', { id: name + '-form', novalidate: true },
    h('label', { for: name }, t(name)), h('p', { id: name + '-hint', class: 'hint' }, t(name + 'Hint')), field,
    h('button', { type: 'submit', class: 'primary' }, t('sendCode')), err);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.replaceChildren();
    const key = { [name]: field.value.trim() };
    try {
      await api('POST', '/v1/auth/citizen/code', key);
      screenCode(key);
    } catch (e) {
      err.replaceChildren(notice(errorText(e), 'error'));
    }
  });
  show(t('signInTitle'), h('p', {}, t(byEmail ? 'signInEmailIntro' : 'signInIntro')), form,
    h('button', { type: 'button', class: 'link', id: 'switch-signin', onclick: () => screenSignIn(!byEmail) }, t(byEmail ? 'usePhone' : 'useEmail')));
}

// screenCode exchanges the code for tokens; key is {phone} or {email}, as the code was asked for.
function screenCode(key) {
  const byEmail = 'email' in key;
  const err = h('div');
  const code = h('input', { id: 'code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', required: true });
  const form = h('form', { id: 'code-form', novalidate: true },
    h('label', { for: 'code' }, t(byEmail ? 'codeFromEmail' : 'code')), code, h('button', { type: 'submit', class: 'primary' }, t('signIn')), err);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.replaceChildren();
    try {
      saveTokens(await api('POST', '/v1/auth/citizen/token', { ...key, code: code.value.trim() }));
      // Answers still queued from before a lapsed sign-in go now; another citizen's would be 404
      // (their check-ins are not this citizen's) and are dropped.
      flush().then(showQueue);
      await loadMe();
      location.hash = '#/home';
      route();
    } catch (e) {
      err.replaceChildren(notice(errorText(e), 'error'));
    }
  });
  const intro = byEmail ? t('codeIntroEmail', { email: key.email }) : t('codeIntro', { phone: key.phone });
  show(t('codeTitle'), h('p', {}, intro), form,
    h('button', { type: 'button', class: 'link', onclick: () => screenSignIn(byEmail) }, t(byEmail ? 'otherEmail' : 'otherNumber')));
}

// ---- today -----------------------------------------------------------------------------------

const two = (n) => String(n).padStart(2, '0');
const localDate = (d) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
const isoWeekday = (d) => ((d.getDay() + 6) % 7) + 1;

function activityItem(p) {
  const when = p.weekday
    ? t('weekly', { day: t('days')[p.weekday], start: p.start_time, end: p.end_time })
    : t('once', { date: (p.once_on || '').slice(0, 10), start: p.start_time, end: p.end_time });
  const who = [p.contact_name, p.contact_phone].filter(Boolean).join(', ');
  return h('li', { class: 'card' }, h('h3', {}, p.title), h('p', {}, when), p.place ? h('p', {}, p.place) : null,
    p.organisation ? h('p', {}, p.organisation) : null, who ? h('p', {}, t('contact', { who })) : null);
}

function list(items, empty, render, id) {
  return items.length ? h('ul', { class: 'plain', id }, items.map(render)) : h('p', { id }, empty);
}

async function screenHome() {
  markNav('home');
  show(t('loading'));
  let checkins, prescriptions, schedule;
  try {
    [, checkins, prescriptions, schedule] = await Promise.all([loadMe(), api('GET', '/v1/me/checkins'),
      api('GET', '/v1/me/prescriptions'), api('GET', '/v1/me/schedule?days=1')]);
  } catch (e) {
    show(t('today'), notice(errorText(e), 'error'));
    return;
  }
  const now = new Date();
  const todays = prescriptions.items.filter((p) => p.weekday === isoWeekday(now) || (p.weekday === 0 && (p.once_on || '').slice(0, 10) === localDate(now)));
  const reminders = schedule.items.filter((s) => localDate(new Date(s.due_at)) === localDate(now));
  const name = workerName();
  show(t('hello', { name: (me.name || '').split(' ')[0] }), smsStoppedNotice(),
    h('section', { 'aria-labelledby': 'h-checkins' }, h('h2', { id: 'h-checkins' }, t('checkinsTitle')),
      list(checkins.items, t('noCheckins'), (c) => h('li', {}, h('a', { class: 'button big', href: '#/checkin/' + c.id, 'data-checkin': c.id }, t('answerCheckin', { title: c.title }))), 'checkins')),
    h('section', { 'aria-labelledby': 'h-worker', class: 'card worker' }, h('h2', { id: 'h-worker' }, t('worker')),
      name ? h('p', { id: 'worker-name' }, t('workerIs', { name })) : null,
      h('a', { class: 'button', href: '#/write', id: 'write-link' }, name ? t('writeTo', { name }) : t('writeToWorker'))),
    h('section', { 'aria-labelledby': 'h-today' }, h('h2', { id: 'h-today' }, t('activitiesToday')),
      list(todays, t('noActivitiesToday'), activityItem, 'activities-today')),
    h('section', { 'aria-labelledby': 'h-reminders' }, h('h2', { id: 'h-reminders' }, t('remindersToday')),
      list(reminders, t('noRemindersToday'), (s) => h('li', {}, t('reminderAt', {
        time: new Date(s.due_at).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'da-DK', { hour: '2-digit', minute: '2-digit' }),
        what: t('kind_' + s.kind) })), 'reminders-today')),
    h('section', { 'aria-labelledby': 'h-all' }, h('h2', { id: 'h-all' }, t('allActivities')),
      list(prescriptions.items, t('noActivities'), activityItem, 'activities')));
}

// ---- check-in: one question at a time ------------------------------------------------------------

async function screenCheckin(id) {
  markNav('home');
  show(t('loading'));
  let checkin;
  try {
    checkin = (await api('GET', '/v1/me/checkins')).items.find((c) => c.id === id);
  } catch (e) {
    show(t('checkinsTitle'), notice(errorText(e), 'error'), homeLink());
    return;
  }
  if (!checkin) {
    show(t('checkinsTitle'), notice(t('checkinGone')), homeLink());
    return;
  }
  const answered = new Set(checkin.items.filter((i) => i.answered).map((i) => i.number));
  for (const q of queued()) if (q.checkin === id) answered.add(q.item);
  const progress = h('p', { class: 'progress', id: 'progress' });
  const bar = h('progress', { max: String(checkin.items.length), value: '0', 'aria-hidden': 'true' });
  const question = h('h2', { id: 'question', tabindex: '-1' });
  const options = h('div', { class: 'options', role: 'group', 'aria-labelledby': 'question' });
  // The instrument's intro is written for SMS ("answer with a digit"); the app says its own.
  const stage = h('div', { id: 'stage' }, h('p', { class: 'intro' }, t('checkinHow')), progress, bar, question, options);
  show(checkin.title, stage);

  // A double tap must not answer the next question too: new buttons take taps after a moment.
  let armed = false;
  let asked = 0;
  const ask = () => {
    const next = checkin.items.find((i) => !answered.has(i.number));
    if (!next) { finished(); return; }
    const turn = ++asked;
    armed = false;
    options.removeAttribute('data-ready');
    setTimeout(() => { if (turn === asked) { armed = true; options.setAttribute('data-ready', ''); } }, 400);
    const n = checkin.items.indexOf(next) + 1;
    progress.textContent = t('progress', { n, total: checkin.items.length });
    bar.value = n - 1;
    question.textContent = next.text;
    options.replaceChildren(...checkin.scale.map((o) => h('button', { type: 'button', class: 'answer', 'data-value': String(o.value),
      onclick: () => answer(next.number, o.value) }, o.label)));
    // Focus reads the question; the live region adds where the citizen is.
    question.focus();
    say(progress.textContent);
  };
  const answer = (item, value) => {
    if (!armed) return;
    armed = false;
    answered.add(item);
    enqueue({ checkin: id, item, value });
    flush().then(showQueue);
    ask();
  };
  const finished = async () => {
    const result = await flush();
    showQueue(result);
    const text = result.left ? t('checkinDoneQueued') : t('checkinDone');
    stage.replaceChildren(h('h2', { id: 'done', tabindex: '-1' }, text), homeLink());
    stage.querySelector('#done').focus();
    say(text);
  };
  ask();
}

function homeLink() { return h('a', { class: 'button', href: '#/home' }, t('toHome')); }

// ---- write to the link worker -----------------------------------------------------------------------

async function screenWrite() {
  markNav('home');
  if (!me) { try { await loadMe(); } catch { /* the form still works */ } }
  const name = workerName();
  const status = h('div');
  const body = h('textarea', { id: 'message', name: 'body', rows: '6', maxlength: '1000', required: true });
  let key = crypto.randomUUID();
  const form = h('form', { id: 'write-form', novalidate: true },
    h('label', { for: 'message' }, name ? t('writeLabel', { name }) : t('writeToWorker')), body,
    h('button', { type: 'submit', class: 'primary' }, t('send')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    try {
      const res = await api('POST', '/v1/me/messages', { body: body.value }, { 'Idempotency-Key': key });
      body.value = '';
      key = crypto.randomUUID();
      status.replaceChildren(notice(res.message));
    } catch (e) {
      status.replaceChildren(notice(e instanceof NetworkError ? t('writeOffline') : errorText(e), 'error'));
    }
  });
  show(name ? t('writeTo', { name }) : t('writeTitle'), form, homeLink());
}

// smsStoppedNotice says, to a citizen who wrote STOP, that it stopped SMS only (null otherwise).
function smsStoppedNotice() {
  return me && me.opted_out ? h('p', { class: 'notice info', id: 'sms-stopped', role: 'status' }, t('smsStopped')) : null;
}

// ---- settings --------------------------------------------------------------------------------

function radios(name, legend, current, options) {
  return h('fieldset', {}, h('legend', {}, legend), options.map(([value, label]) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id: `${name}-${value}`, value, checked: current === value }),
    h('label', { for: `${name}-${value}` }, label))));
}

async function screenSettings() {
  markNav('settings');
  show(t('loading'));
  try { await loadMe(); } catch (e) { show(t('settingsTitle'), notice(errorText(e), 'error')); return; }
  const p = me.preferences;
  const channels = [['sms', t('channelSms')], ['app', t('channelApp')]];
  // E-mail is not a preference the server takes: it is how messages go when SMS cannot.
  if (p.preferred_channel === 'email') channels.push(['email', t('channelEmail')]);
  // 0 is the usual rule: the evening before a morning activity, in the morning for a later one.
  const leads = [...new Set([0, 30, 60, 120, 180, p.reminder_lead_minutes])].sort((a, b) => a - b);
  const leadLabel = (n) => n === 0 ? t('leadDefault') : n === 60 ? t('leadHour')
    : n % 60 === 0 ? t('leadHours', { n: n / 60 }) : t('leadMinutes', { n });
  const status = h('div', { id: 'settings-status' });
  const form = h('form', { id: 'settings-form', novalidate: true },
    radios('language', t('language'), me.language, [['da', t('langDa')], ['en', t('langEn')]]),
    radios('preferred_channel', t('channel'), p.preferred_channel, channels),
    me.opted_out ? smsStoppedNotice() : h('p', { class: 'hint' }, t('stopNote')),
    h('div', { class: 'choice' }, h('input', { type: 'checkbox', id: 'reminders_enabled', name: 'reminders_enabled', checked: p.reminders_enabled }),
      h('label', { for: 'reminders_enabled' }, t('reminders'))),
    h('label', { for: 'reminder_lead_minutes' }, t('lead')),
    h('select', { id: 'reminder_lead_minutes', name: 'reminder_lead_minutes' },
      leads.map((n) => h('option', { value: String(n), selected: n === p.reminder_lead_minutes }, leadLabel(n)))),
    h('fieldset', {}, h('legend', {}, t('quiet')), h('p', { class: 'hint', id: 'quiet-hint' }, t('quietHint')),
      h('label', { for: 'quiet_start' }, t('quietStart')),
      h('input', { type: 'time', id: 'quiet_start', name: 'quiet_start', value: p.quiet_start, 'aria-describedby': 'quiet-hint' }),
      h('label', { for: 'quiet_end' }, t('quietEnd')),
      h('input', { type: 'time', id: 'quiet_end', name: 'quiet_end', value: p.quiet_end, 'aria-describedby': 'quiet-hint' })),
    h('button', { type: 'submit', class: 'primary' }, t('save')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const before = me.preferences.preferred_channel;
    try {
      me = await api('PUT', '/v1/me/preferences', { language: f.get('language'), preferred_channel: f.get('preferred_channel'),
        reminders_enabled: form.reminders_enabled.checked, reminder_lead_minutes: Number(f.get('reminder_lead_minutes')),
        quiet_start: f.get('quiet_start') || '', quiet_end: f.get('quiet_end') || '' });
    } catch (e) {
      status.replaceChildren(notice(errorText(e), 'error'));
      return;
    }
    if (me.language !== lang) { setLanguage(me.language); await screenSettings(); }
    const lines = [notice(t('saved'))];
    document.getElementById('settings-status').replaceChildren(...lines);
    say(t('saved'));
    if (me.preferences.preferred_channel === 'app' && (before !== 'app' || window.Notification?.permission !== 'granted')) {
      document.getElementById('settings-status').append(notice(t('pushAsk')));
      const outcome = await enablePush();
      document.getElementById('settings-status').append(notice(t(outcome)));
      say(t(outcome));
    }
  });
  show(t('settingsTitle'), form, emailForm());
}

// emailForm sets, changes or removes the citizen's own e-mail address (PUT /v1/me/email).
function emailForm() {
  const status = h('div', { id: 'email-status' });
  const field = h('input', { type: 'email', id: 'my-email', name: 'email', inputmode: 'email', autocomplete: 'email',
    value: me.email || '', 'aria-describedby': 'my-email-hint' });
  const form = h('form', { id: 'email-settings-form', novalidate: true },
    h('h2', {}, t('emailTitle')), h('label', { for: 'my-email' }, t('email')),
    h('p', { class: 'hint', id: 'my-email-hint' }, t('emailSettingHint')), field,
    h('button', { type: 'submit' }, t('emailSave')), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      me = await api('PUT', '/v1/me/email', { email: field.value.trim() || null });
      field.value = me.email || '';
      status.replaceChildren(notice(t('emailSaved')));
      say(t('emailSaved'));
    } catch (e) {
      status.replaceChildren(notice(errorText(e), 'error'));
    }
  });
  return form;
}

// ---- my data ------------------------------------------------------------------------------------

function screenData() {
  markNav('data');
  const dl = h('div', { id: 'download-status' });
  const del = h('div', { id: 'deletion-status' });
  let sure = false;
  const delButton = h('button', { type: 'button', id: 'deletion', class: 'danger' }, t('deleteAsk'));
  delButton.addEventListener('click', async () => {
    if (!sure) {
      sure = true;
      delButton.textContent = t('deleteConfirm');
      del.replaceChildren(notice(t('deleteSure')));
      return;
    }
    try {
      const res = await api('POST', '/v1/me/deletion-request');
      delButton.remove();
      del.replaceChildren(notice(res.message));
    } catch (e) {
      del.replaceChildren(notice(errorText(e), 'error'));
    }
  });
  show(t('dataTitle'),
    h('section', { 'aria-labelledby': 'h-download' }, h('h2', { id: 'h-download' }, t('download')), h('p', {}, t('downloadIntro')),
      h('button', { type: 'button', id: 'download', class: 'primary', onclick: async () => {
        try {
          const data = await api('GET', '/v1/me/export');
          const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
          const link = h('a', { href: url, download: 'brobygger-mine-data.json', id: 'download-file', class: 'button' }, t('downloadReady'));
          dl.replaceChildren(link);
          link.focus();
        } catch (e) {
          dl.replaceChildren(notice(errorText(e), 'error'));
        }
      } }, t('download')), dl),
    h('section', { 'aria-labelledby': 'h-delete' }, h('h2', { id: 'h-delete' }, t('deleteTitle')), h('p', {}, t('deleteIntro')), delButton, del),
    h('button', { type: 'button', id: 'sign-out', class: 'link', onclick: signOut }, t('signOut')));
}

async function signOut() {
  await flush().catch(() => {});
  const t0 = tokens();
  if (t0) await api('POST', '/v1/auth/logout', { refresh_token: t0.refresh }).catch(() => {});
  clearTokens();
  clearQueue();
  me = null;
  location.hash = '#/signin';
  route();
}

// ---- a notification the service worker opened -------------------------------------------------------

async function screenNotification(id) {
  markNav('home');
  show(t('loading'));
  try {
    const n = await api('GET', '/v1/me/notifications/' + encodeURIComponent(id));
    const checkin = n.checkin_id || (n.kind === 'checkin' && n.ref_id);
    show(n.activity || t('notificationTitle'), n.text ? h('p', {}, n.text) : null,
      checkin ? h('a', { class: 'button big', href: '#/checkin/' + checkin }, t('openCheckin')) : null, homeLink());
  } catch (e) {
    show(t('notificationTitle'), notice(e instanceof ApiError && e.status === 404 ? t('notificationGone') : errorText(e)), homeLink());
  }
}

// ---- routing, the network and the service worker ---------------------------------------------------------

function route() {
  const [, screen, arg] = (location.hash || '#/home').split('/');
  if (!tokens()) { screenSignIn(); return; }
  switch (screen) {
    case 'checkin': screenCheckin(decodeURIComponent(arg || '')); break;
    case 'write': screenWrite(); break;
    case 'settings': screenSettings(); break;
    case 'data': screenData(); break;
    case 'notification': screenNotification(decodeURIComponent(arg || '')); break;
    default: screenHome();
  }
}

function showQueue(result) {
  const left = queued().length;
  if (!navigator.onLine || (result && result.offline)) {
    net.textContent = t('offline') + (left ? ' ' + t('queued', { n: left }) : '');
    net.hidden = false;
  } else if (result && result.sent && !left && !net.hidden) {
    net.textContent = t('sentQueued');
    setTimeout(() => { net.hidden = true; }, 4000);
  } else if (!left) {
    net.hidden = true;
  }
}

window.addEventListener('online', () => flush().then(showQueue));
window.addEventListener('offline', () => showQueue({ offline: true }));
window.addEventListener('hashchange', route);
window.addEventListener('bb:signedout', () => { me = null; screenSignIn(); });
// A retry now and then catches a network that came back without an online event.
setInterval(() => { if (queued().length) flush().then(showQueue); }, 15000);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/app/sw.js', { scope: '/app' }).catch(() => {});
  navigator.serviceWorker.addEventListener('message', (ev) => {
    if (ev.data && ev.data.type === 'notification') location.hash = '#/notification/' + encodeURIComponent(ev.data.id);
  });
}

setLanguage(lang);
route();
if (tokens() && queued().length) flush().then(showQueue);
