// The dashboard's system panel (operations strip): each service's state, lag and last error from /v1/system, with
// the API key entered above; refreshed every 4 seconds. Kept apart from dashboard.js: it shows no shop's figures.
(function () {
  'use strict';
  const REFRESH_MS = 4000;
  const strip = document.getElementById('system-services');

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
  }

  async function refresh() {
    const key = document.getElementById('api-key').value;
    if (!key) return;
    try {
      const response = await fetch('/v1/system', { headers: { Authorization: 'Bearer ' + key, Accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const view = await response.json();
      strip.tBodies[0].replaceChildren();
      view.services.forEach((service) => {
        const row = strip.tBodies[0].insertRow();
        cell(row, service.name);
        cell(row, service.state, 'state-' + service.state.toLowerCase());
        cell(row, service.lag === null ? '–' : service.lag.toLocaleString('en-GB'));
        cell(row, service.error || '');
      });
    } catch (e) {
      strip.tBodies[0].replaceChildren();
      cell(strip.tBodies[0].insertRow(), 'system state unavailable (' + e.message + ')');
    }
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
