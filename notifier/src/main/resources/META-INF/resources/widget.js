/*
 * Upsell in-app widget. A web app includes it with the customer token its backend minted
 * (POST /v1/inapp/tokens):
 *   <script src="https://notifier.example/widget.js" data-token="TOKEN" async></script>
 * It streams the customer's prompts (SSE; the browser resumes with Last-Event-ID after a drop) and shows each as a
 * banner with the offer (one line each: items, plan, discount, code, deadline), its call to action when the offer
 * leads to a page, "Not relevant" (on every prompt) and dismiss. Every action is POSTed back to the notifier.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-token][src*="widget.js"]');
  if (!script) { return; }
  var base = new URL(script.src, location.href).origin;
  var token = script.getAttribute('data-token');
  if (!token) { return; }
  var LABELS = {
    en: { notRelevant: 'Not relevant', dismiss: 'Dismiss' },
    ar: { notRelevant: 'غير مهم لي', dismiss: 'إغلاق' }
  };
  var banners = {};
  var stack = document.createElement('div');
  stack.id = 'upsell-widget';
  stack.setAttribute('style', 'position:fixed;bottom:16px;inset-inline-end:16px;z-index:2147483000;' +
    'display:flex;flex-direction:column;gap:12px;max-width:380px;font-family:system-ui,"Segoe UI",Tahoma,sans-serif');
  (document.body || document.documentElement).appendChild(stack);

  function act(message, action) {
    return fetch(base + '/v1/inapp/messages/' + encodeURIComponent(message.id) + '/' + action, {
      method: 'POST', headers: { Authorization: 'Bearer ' + token }
    });
  }

  function remove(id) {
    if (banners[id]) { banners[id].remove(); delete banners[id]; }
  }

  function button(text, style, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('style', 'cursor:pointer;border-radius:8px;font-size:14px;padding:8px 14px;' + style);
    b.addEventListener('click', onClick);
    return b;
  }

  function show(message) {
    if (banners[message.id] || message.status !== 'UNREAD') { return; }
    var labels = LABELS[message.locale] || LABELS.en;
    var card = document.createElement('div');
    card.className = 'upsell-banner';
    card.setAttribute('role', 'status');
    card.dir = message.locale === 'ar' ? 'rtl' : 'ltr';
    card.dataset.messageId = message.id;
    card.setAttribute('style', 'background:#fff;color:#1f2937;border:1px solid #e5e7eb;border-radius:12px;' +
      'box-shadow:0 10px 30px rgba(0,0,0,.12);padding:16px 16px 14px;position:relative');
    var close = button('\u00d7', 'position:absolute;top:6px;inset-inline-end:8px;border:0;background:none;' +
      'font-size:20px;color:#6b7280;padding:2px 6px', function () { act(message, 'dismiss'); remove(message.id); });
    close.className = 'upsell-dismiss';
    close.setAttribute('aria-label', labels.dismiss);
    var title = document.createElement('div');
    title.className = 'upsell-title';
    title.textContent = message.title;
    title.setAttribute('style', 'font-weight:600;font-size:16px;margin-inline-end:24px;margin-bottom:6px');
    var body = document.createElement('div');
    body.textContent = message.body;
    body.className = 'upsell-body';
    body.setAttribute('style', 'font-size:14px;line-height:1.5;color:#374151;margin-bottom:12px;white-space:pre-line');
    var cta = button(message.ctaLabel, 'border:0;background:#2563eb;color:#fff;font-weight:600', function () {
      act(message, 'click').finally(function () { if (message.ctaUrl) { location.href = message.ctaUrl; } });
      remove(message.id);
    });
    cta.className = 'upsell-cta';
    var notRelevant = button(labels.notRelevant, 'border:1px solid #d1d5db;background:#fff;color:#374151;' +
      'margin-inline-start:8px', function () { act(message, 'not-relevant'); remove(message.id); });
    notRelevant.className = 'upsell-not-relevant';
    card.append(close, title, body);
    if (message.ctaUrl) { card.append(cta); }
    card.append(notRelevant);
    stack.appendChild(card);
    banners[message.id] = card;
    act(message, 'read');
  }

  var stream = new EventSource(base + '/v1/inapp/stream?token=' + encodeURIComponent(token));
  stream.addEventListener('message', function (e) { show(JSON.parse(e.data)); });
  stream.addEventListener('update', function (e) {
    var message = JSON.parse(e.data);
    if (message.status !== 'UNREAD' && message.status !== 'READ') { remove(message.id); }
  });
  stream.addEventListener('open', function () { stack.dataset.connected = 'true'; });
})();
