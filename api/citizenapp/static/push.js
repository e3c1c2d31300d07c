// Web Push: ask for permission, subscribe with the server's VAPID key and register the
// subscription as the citizen's device. Any missing piece (no browser support, permission
// denied, the server's push backend absent: 404) ends in a plain sentence, never an error.
import { api } from './api.js';

function keyBytes(base64url) {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - base64url.length % 4) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

// enablePush resolves to a text key: pushOn, pushDenied or pushUnavailable.
export async function enablePush() {
  if (!('Notification' in window) || !('serviceWorker' in navigator) || !('PushManager' in window)) {
    return 'pushUnavailable';
  }
  try {
    let permission = Notification.permission;
    if (permission === 'default') permission = await Notification.requestPermission();
    if (permission !== 'granted') return 'pushDenied';
    const { public_key: key } = await api('GET', '/v1/push/vapid-public-key');
    const reg = await navigator.serviceWorker.ready;
    const sub = await reg.pushManager.getSubscription()
      || await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    const j = sub.toJSON();
    await api('POST', '/v1/me/devices', { platform: 'web',
      subscription: { endpoint: j.endpoint, keys: { p256dh: j.keys.p256dh, auth: j.keys.auth } } });
    return 'pushOn';
  } catch {
    return 'pushUnavailable';
  }
}
