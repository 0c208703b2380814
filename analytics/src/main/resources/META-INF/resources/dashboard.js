// The analytics dashboard: plain JS and inline SVG (no build step). Reads the shop's figures with its API key
// (kept in this tab's sessionStorage only) and refreshes every 4 seconds.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const REFRESH_MS = 4000;
  let currency = 'GBP';

  function money(minor) {
    if (minor === null || minor === undefined) return '–';
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
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
  function svgNode(name, attributes, text) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', name);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Bars for amounts, a line for rates; the y axis starts at zero.
  function chart(svg, labels, values, kind, format) {
    clear(svg);
    const width = 400, height = 160, left = 44, bottom = 18, top = 8;
    const numbers = values.map((v) => (v === null || v === undefined ? 0 : v));
    const max = Math.max(...numbers, 0) || 1;
    const step = (width - left - 4) / Math.max(labels.length, 1);
    const y = (v) => top + (height - top - bottom) * (1 - v / max);
    svg.appendChild(svgNode('text', { x: 2, y: top + 8 }, format(max)));
    svg.appendChild(svgNode('text', { x: 2, y: height - bottom }, format(0)));
    let drawn = 0;
    if (kind === 'bar') {
      numbers.forEach((v, i) => {
        if (v <= 0) return;
        drawn++;
        svg.appendChild(svgNode('rect', { class: 'bar', x: left + i * step + 1, y: y(v),
          width: Math.max(step - 2, 1), height: height - bottom - y(v) }));
      });
    } else {
      const points = numbers.map((v, i) => `${left + i * step + step / 2},${y(v)}`);
      svg.appendChild(svgNode('polyline', { class: 'line', points: points.join(' ') }));
      numbers.forEach((v, i) => {
        if (values[i] === null || values[i] === undefined) return;
        drawn++;
        svg.appendChild(svgNode('circle', { class: 'dot', cx: left + i * step + step / 2, cy: y(v), r: 2.5 }));
      });
    }
    const every = Math.ceil(labels.length / 8);
    labels.forEach((label, i) => {
      if (i % every === 0) {
        svg.appendChild(svgNode('text', { x: left + i * step, y: height - 4 }, label.slice(5)));
      }
    });
    svg.dataset.drawn = String(drawn);
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
    $('total-customers').textContent = String(sum('newCustomers')) + ' new';
    const labels = s.map((r) => r.start);
    chart($('chart-revenue'), labels, s.map((r) => r.netRevenueMinor), 'bar', money);
    chart($('chart-orders'), labels, s.map((r) => r.orders), 'bar', String);
    chart($('chart-aov'), labels, s.map((r) => r.aovMinor), 'line', money);
    chart($('chart-conversion'), labels, s.map((r) => r.conversionRate), 'line', percent);
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
      $('status').textContent = `Updated ${new Date().toLocaleTimeString()} · ${kpis.timeZone} · live every 4 s`;
      document.body.dataset.loaded = `${range.from}/${range.to}/${$('granularity').value}`;
    } catch (e) {
      $('status').textContent = 'Could not load: ' + e.message;
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
    (await response.json()).forEach((s) => {
      const option = document.createElement('option');
      option.value = s.id;
      option.textContent = `${s.name} (${s.currency})`;
      $('shop').appendChild(option);
    });
    if (chosen) $('shop').value = chosen;
  }

  async function init() {
    const today = new Date();
    $('to').value = isoDate(today);
    $('from').value = isoDate(new Date(today.getTime() - 29 * 86400000));
    $('api-key').value = sessionStorage.getItem('upsell-key') || '';
    await loadShops();
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
