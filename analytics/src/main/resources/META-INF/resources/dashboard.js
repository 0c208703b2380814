// The analytics dashboard: plain JS and Chart.js (no build step), in the shop's language. Reads the shop's figures
// with its API key (kept in this tab's sessionStorage only) and refreshes every 4 seconds.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const REFRESH_MS = 4000;
  let currency = 'GBP';

  function money(minor) {
    if (minor === null || minor === undefined) return '–';
    return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', { style: 'currency', currency })
      .format(minor / 100);
  }
  function percent(rate) {
    return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + '%';
  }
  function isoDate(d) { return d.toISOString().slice(0, 10); }
  function plusDays(text, days) {
    const d = new Date(text + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return isoDate(d);
  }

  async function api(path, params) {
    const shop = $('shop').value;
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`/v1/shops/${encodeURIComponent(shop)}/${path}?${query}`,
      { headers: { Authorization: 'Bearer ' + $('api-key').value, Accept: 'application/json' } });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      const field = body.fields && body.fields[0] ? ` (${body.fields[0].field}: ${body.fields[0].reason})` : '';
      throw new Error(`${response.status} ${body.error || response.statusText}${field}`);
    }
    return response.json();
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // The shop's language: labels from DashboardLabels (English: the page's own text), and the layout's direction.
  const english = {};
  document.querySelectorAll('[data-i18n]').forEach((n) => { english[n.dataset.i18n] = n.textContent; });
  let locale = 'en';
  function label(key) {
    const words = window.DashboardLabels[locale] || {};
    return words[key] || window.DashboardLabels.en[key] || english[key] || key;
  }
  function applyLocale(shopLocale) {
    const language = (shopLocale || 'en').split(/[-_]/)[0];
    if (language === locale) return;
    locale = window.DashboardLabels[language] ? language : 'en';
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = label(n.dataset.i18n); });
    document.querySelectorAll('.exports button').forEach((b) => { b.textContent = label(b.dataset.format); });
    Object.values(charts).forEach((c) => c.destroy());
    Object.keys(charts).forEach((k) => delete charts[k]);
  }

  // Chart.js charts, made once per language and fed new data on each refresh (no animation: a refresh every 4 s).
  const charts = {};
  function chart(id, labels, datasets, format) {
    const rtl = locale === 'ar';
    if (!charts[id]) {
      charts[id] = new Chart(document.getElementById(id), {
        type: datasets[0].type,
        data: { labels: [], datasets: [] },
        options: {
          animation: false, maintainAspectRatio: false, locale: rtl ? 'ar-u-nu-latn' : 'en-GB',
          plugins: { legend: { display: datasets.length > 1, rtl, position: 'bottom' },
            tooltip: { rtl, callbacks: { label: (c) => `${c.dataset.label}: ${format(c.raw)}` } } },
          scales: { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? 'right' : 'left',
            ticks: { callback: (v) => format(v) } } }
        }
      });
    }
    charts[id].data.labels = labels;
    charts[id].data.datasets = datasets;
    charts[id].update();
  }
  const majorUnits = (minor) => (minor === null || minor === undefined ? null : minor / 100);
  const moneyMajor = (major) => money(major === null ? null : Math.round(major * 100));

  function downloadButtons() {
    document.querySelectorAll('.exports').forEach((span) => ['csv', 'xlsx'].forEach((format) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.format = format;
      button.id = `download-${span.dataset.table.replace('/', '-')}-${format}`;
      button.textContent = label(format);
      button.addEventListener('click', () => download(span.dataset.table, format));
      span.appendChild(button);
    }));
  }

  // A download link cannot send the API key, so the file is fetched with it and handed to the browser as a blob.
  async function download(table, format) {
    const range = { from: $('from').value, to: plusDays($('to').value, 1), format };
    if (table === 'kpis') range.granularity = $('granularity').value;
    const shop = $('shop').value;
    const response = await fetch(`/v1/shops/${encodeURIComponent(shop)}/${table}?${new URLSearchParams(range)}`,
      { headers: { Authorization: 'Bearer ' + $('api-key').value } });
    if (!response.ok) {
      $('status').textContent = `${label('failed')} ${response.status}`;
      return;
    }
    const name = (/filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '') || [])[1]
      || `${table.replace('/', '-')}.${format}`;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach((c) => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
    return tr;
  }

  function renderKpis(kpis) {
    currency = kpis.currency || currency;
    const s = kpis.series;
    const sum = (f) => s.reduce((a, r) => a + (r[f] || 0), 0);
    const gross = sum('grossRevenueMinor'), orders = sum('orders'), sessions = sum('sessions');
    $('total-gross').textContent = money(gross);
    $('total-net').textContent = money(sum('netRevenueMinor'));
    $('total-orders').textContent = String(orders);
    $('total-aov').textContent = orders ? money(Math.round(gross / orders)) : '–';
    $('total-conversion').textContent = sessions ? percent(sum('convertedSessions') / sessions) : '–';
    $('total-customers').textContent = `${sum('newCustomers')} ${label('newCustomers')}`;
    const labels = s.map((r) => r.start);
    chart('chart-revenue', labels, [
      { type: 'bar', label: label('net'), data: s.map((r) => majorUnits(r.netRevenueMinor)),
        backgroundColor: '#3a7bd5' },
      { type: 'line', label: label('previousPeriod'),
        data: s.map((r) => majorUnits((r.growth.previousPeriod || {}).netRevenueMinor)), borderColor: '#9aa3b5',
        borderDash: [4, 3], pointRadius: 0 }], moneyMajor);
    chart('chart-orders', labels, [{ type: 'bar', label: label('orders'), data: s.map((r) => r.orders),
      backgroundColor: '#3a7bd5' }], String);
    chart('chart-aov', labels, [{ type: 'line', label: label('aov'), data: s.map((r) => majorUnits(r.aovMinor)),
      borderColor: '#e07a2f', spanGaps: false }], moneyMajor);
    chart('chart-conversion', labels, [{ type: 'line', label: label('conversionRate'),
      data: s.map((r) => r.conversionRate), borderColor: '#e07a2f' }], percent);
    renderGrowth(s);
  }

  // Each period against the one before and the same one a year before, as the KPI answer carries them.
  function renderGrowth(series) {
    const body = $('growth').tBodies[0];
    clear(body);
    const signed = (rate) => (rate === null || rate === undefined ? '–' : (rate > 0 ? '+' : '') + percent(rate));
    series.forEach((r) => {
      const before = r.growth.previousPeriod || {}, yearAgo = r.growth.yearBefore || {};
      body.appendChild(row([r.start, money(r.netRevenueMinor), money(before.netRevenueMinor),
        signed(before.netRevenueChangeRate), money(yearAgo.netRevenueMinor), signed(yearAgo.netRevenueChangeRate),
        r.orders, signed(before.ordersChangeRate)]));
    });
  }

  // Each variant's codes redeemed (from the A/B results) beside its funnel, so variants compare on them too.
  function renderFunnel(funnel, lift) {
    const body = $('funnel').tBodies[0];
    clear(body);
    const redeemed = (r) => (lift.variants.find((v) => v.triggerType === r.triggerType && v.variant === r.variant)
      || { redemptions: { redeemed: 0, revenueMinor: 0 } }).redemptions;
    funnel.rows.forEach((r) => body.appendChild(row([r.triggerType, r.variant, r.decided, r.suppressed, r.sent,
      r.unknown, r.delivered, r.opened, r.clicked, r.converted, money(r.attributedRevenueMinor), r.downvoted,
      redeemed(r).redeemed, money(redeemed(r).revenueMinor)])));
    $('best-hour').textContent = funnel.bestSendHour === null ? '–' : `${funnel.bestSendHour}:00`;
  }

  function renderAttribution(attribution, lift) {
    $('attributed-revenue').textContent = money(attribution.attributedRevenueMinor);
    $('attributed-share').textContent = percent(attribution.attributedShare);
    $('lift-treated').textContent = percent(lift.treated.conversionRate);
    $('lift-control').textContent = percent(lift.control.conversionRate);
    const c = lift.conversionLift;
    $('lift-difference').textContent = c.difference === null ? '–' : (c.difference * 100).toFixed(1) + ' pts';
    $('lift-ci').textContent = c.difference === null ? '–'
      : `${(c.ci95Low * 100).toFixed(1)} to ${(c.ci95High * 100).toFixed(1)} pts`;
  }

  function renderTop(top) {
    const body = $('top-products').tBodies[0];
    clear(body);
    top.products.forEach((p) => body.appendChild(row([p.id, p.units, money(p.revenueMinor)])));
  }

  let running = false;
  let pending = false;
  async function refresh() {
    if (running) {
      pending = true; // a change while loading: load again right after, with the new choice
      return;
    }
    if (!$('shop').value || !$('api-key').value || !$('from').value || !$('to').value) return;
    running = true;
    const range = { from: $('from').value, to: plusDays($('to').value, 1) };
    try {
      const [kpis, funnel, attribution, lift, top] = await Promise.all([
        api('kpis', { ...range, granularity: $('granularity').value }), api('funnel', range),
        api('attribution', range), api('lift', range), api('products/top', { ...range, limit: 10 })]);
      renderKpis(kpis);
      renderFunnel(funnel, lift);
      renderAttribution(attribution, lift);
      renderTop(top);
      $('status').textContent = `${label('updated')} ${new Date().toLocaleTimeString()} · ${kpis.timeZone} · `
        + label('live');
      document.body.dataset.loaded = `${range.from}/${range.to}/${$('granularity').value}`;
    } catch (e) {
      $('status').textContent = `${label('failed')} ${e.message}`;
    } finally {
      running = false;
      if (pending) {
        pending = false;
        refresh();
      }
    }
  }

  // The picker lists the shops the entered API key opens; the server never lists other tenants.
  async function loadShops() {
    const key = $('api-key').value;
    if (!key) return;
    const response = await fetch('/v1/shops', { headers: { Authorization: 'Bearer ' + key } });
    if (!response.ok) {
      $('status').textContent = response.status === 401 ? 'Unknown API key' : 'Could not load shops';
      return;
    }
    const chosen = $('shop').value;
    $('shop').replaceChildren();
    shops = await response.json();
    shops.forEach((s) => {
      const option = document.createElement('option');
      option.value = s.id;
      option.textContent = `${s.name} (${s.currency})`;
      $('shop').appendChild(option);
    });
    if (chosen) $('shop').value = chosen;
    showShopLocale();
  }

  let shops = [];
  function showShopLocale() {
    const shop = shops.find((s) => s.id === $('shop').value);
    if (shop) applyLocale(shop.locale);
  }

  async function init() {
    const today = new Date();
    $('to').value = isoDate(today);
    $('from').value = isoDate(new Date(today.getTime() - 29 * 86400000));
    $('api-key').value = sessionStorage.getItem('upsell-key') || '';
    downloadButtons();
    await loadShops();
    $('shop').addEventListener('change', showShopLocale);
    $('api-key').addEventListener('change', () => loadShops().then(refresh));
    ['shop', 'api-key', 'from', 'to', 'granularity'].forEach((id) => $(id).addEventListener('change', () => {
      sessionStorage.setItem('upsell-key', $('api-key').value);
      refresh();
    }));
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  init();
})();
