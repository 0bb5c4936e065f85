// AlignStream analyzer dashboard: loads the state over REST, then follows the live stream
// (SSE at /api/stream, or the WebSocket at /api/ws with ?live=ws) and redraws at most every 250 ms.
'use strict';

const PALETTE = ['#2e90fa', '#f04438', '#12b76a', '#f79009', '#7a5af8', '#ee46bc', '#06aed4', '#667085',
  '#a15c07', '#3e4784'];
const MARKER = '#101828';

const state = {
  groups: [],
  group: null,            // {task, family}
  results: [],            // training results of the selected group
  analysis: null,         // latest refit of the selected group
  fits: new Map(),        // fitId -> fit of the selected group
  windows: new Map(),     // key -> alignment window (all tasks)
  datasets: new Map(),    // datasetId -> manifest
  health: null,
};
const charts = {};
let renderTimer = null;
let groupsTimer = null;

// ---------- formatting ----------

function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return '∞';
  const a = Math.abs(x);
  if (a >= 1e9) return x.toExponential(2);
  if (a >= 1e6) return Number((x / 1e6).toPrecision(3)) + 'M';
  if (a >= 1e4) return Number((x / 1e3).toPrecision(3)) + 'k';
  if (a !== 0 && a < 1e-3) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

/** Whether a tick of the log D axis is a power of ten (the only ones labelled). */
function decade(t) {
  return t > 0 && Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
}

function interval(lo, hi) {
  return '[' + (lo === null ? '–' : fmt(lo)) + ', ' + (hi === null ? '∞' : fmt(hi)) + ']';
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (k === 'style') e.style.cssText = v; else if (k === 'class') e.className = v; else e.setAttribute(k, v);
  });
  children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

function table(target, head, rows) {
  target.replaceChildren(el('thead', {}, el('tr', {}, head.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => c instanceof Node ? el('td', {}, c)
      : el('td', { class: typeof c === 'number' ? 'num' : '' }, c))))));
}

// ---------- data ----------

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
  return response.json();
}

function groupQuery() {
  const g = state.group;
  return g ? '?task=' + encodeURIComponent(g.task) + '&family=' + encodeURIComponent(g.family) : '';
}

function inGroup(item) {
  const g = state.group;
  return g && item.task === g.task && (item.family || '-') === g.family;
}

async function loadGroups() {
  state.groups = await getJSON('/api/groups');
  const select = document.getElementById('group');
  const params = new URLSearchParams(location.search);
  const wanted = state.group || (params.get('task')
    ? { task: params.get('task'), family: params.get('family') || '-' } : null);
  select.replaceChildren(...state.groups.map(g => el('option', { value: g.task + '|' + g.family },
    g.task + ' / ' + g.family + ' (' + g.datasets.length + ' datasets)')));
  const found = wanted && state.groups.find(g => g.task === wanted.task && g.family === wanted.family);
  const chosen = found || state.groups[0] || wanted;
  if (chosen && (!state.group || state.group.task !== chosen.task || state.group.family !== chosen.family)) {
    state.group = { task: chosen.task, family: chosen.family };
    await loadGroup();
  }
  if (state.group) select.value = state.group.task + '|' + state.group.family;
}

async function loadGroup() {
  const q = groupQuery();
  const [results, analyses, fits] = await Promise.all([getJSON('/api/results' + q), getJSON('/api/analysis' + q),
    getJSON('/api/fits' + q)]);
  state.results = results;
  state.analysis = analyses[0] || null;
  state.fits = new Map(fits.map(f => [f.fitId, f]));
  scheduleRender();
}

async function loadAll() {
  const [windows, datasets, health] = await Promise.all([getJSON('/api/windows?limit=2000'),
    getJSON('/api/datasets'), getJSON('/api/health-summary')]);
  windows.forEach(w => state.windows.set(w.key, w));
  datasets.forEach(d => state.datasets.set(d.datasetId, d));
  state.health = health;
  await loadGroups();
  scheduleRender();
}

// ---------- live stream ----------

function setLive(s, text) {
  const pill = document.getElementById('live');
  pill.dataset.state = s;
  pill.textContent = text;
}

function onEvent(event) {
  const data = event.data;
  switch (event.type) {
    case 'result': {
      if (inGroup(data)) {
        const same = r => r.datasetId === data.datasetId && r.runId === data.runId && r.step === data.step;
        state.results = state.results.filter(r => !same(r)).concat([data]);
      }
      const known = state.groups.find(g => g.task === data.task && g.family === (data.family || '-'));
      if (!known || !known.datasets.includes(data.datasetId)) {
        clearTimeout(groupsTimer);
        groupsTimer = setTimeout(() => loadGroups().catch(console.error), 500);
      }
      break;
    }
    case 'analysis':
      if (inGroup(data)) state.analysis = data;
      break;
    case 'fit':
      if (inGroup(data)) state.fits.set(data.fitId, data);
      break;
    case 'window':
      state.windows.set(data.key, data);
      if (state.windows.size > 5000) state.windows.delete(state.windows.keys().next().value);
      break;
    case 'dataset':
      state.datasets.set(data.datasetId, data);
      break;
    case 'health':
      state.health = data;
      break;
    default:
      return;
  }
  scheduleRender();
}

let connected = false;

function connect() {
  const useSocket = new URLSearchParams(location.search).get('live') === 'ws' || !window.EventSource;
  if (useSocket) {
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/ws');
    socket.onopen = () => {
      setLive('live', 'live (WebSocket)');
      if (connected) loadAll().catch(error => console.error(error));
      connected = true;
    };
    socket.onmessage = m => onEvent(JSON.parse(m.data));
    socket.onclose = () => { setLive('down', 'reconnecting'); setTimeout(connect, 2000); };
    return;
  }
  const source = new EventSource('/api/stream');
  source.addEventListener('hello', () => {
    setLive('live', 'live');
    // a reconnect (the server ends the stream of a client that fell behind): reload what was missed
    if (connected) loadAll().catch(error => console.error(error));
    connected = true;
  });
  ['result', 'analysis', 'fit', 'window', 'dataset', 'health'].forEach(type =>
    source.addEventListener(type, m => onEvent(JSON.parse(m.data))));
  source.onerror = () => setLive('down', 'reconnecting');
}

// ---------- rendering ----------

function scheduleRender() {
  if (renderTimer) return;
  renderTimer = setTimeout(() => {
    renderTimer = null;
    render();
  }, 250);
}

function render() {
  const colours = datasetColours();
  renderCurves('loss', 'downstreamCrossEntropy', colours);
  const metric = state.analysis && state.analysis.metric;
  document.getElementById('metric-title').textContent = (metric || 'Metric') + ' vs D'
    + (state.analysis && !state.analysis.higherIsBetter ? ' (lower is better)' : '');
  renderCurves('metric', metric, colours);
  renderCrossovers();
  renderCorrelations();
  renderAlignment();
  renderDatasets();
  renderHealth();
  renderFits();
}

/** Dataset ids of the group, most aligned first, each with a stable colour. */
function datasetColours() {
  const alignment = new Map();
  const method = state.analysis && state.analysis.method;
  (state.analysis ? state.analysis.datasets : []).forEach(d => {
    const a = method ? d.alignment[method] : Object.values(d.alignment)[0];
    alignment.set(d.dataset, a);
  });
  const ids = [...new Set(state.results.map(r => r.datasetId))];
  ids.sort((a, b) => (alignment.get(b) ?? -Infinity) - (alignment.get(a) ?? -Infinity) || a.localeCompare(b));
  return new Map(ids.map((id, i) => [id, { colour: PALETTE[i % PALETTE.length], alignment: alignment.get(id) }]));
}

function rgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
}

function valueOf(result, quantity) {
  return quantity === 'downstreamCrossEntropy' ? result.downstreamCrossEntropy : result.metrics[quantity];
}

/** Points, fitted curves with bands and markers of one quantity against D (log axis), one colour per dataset. */
function renderCurves(name, quantity, colours) {
  const target = document.getElementById(name + '-chart');
  const legend = document.getElementById(name + '-legend');
  const tables = [];
  const series = [{}];
  const bands = [];
  const legendItems = [];
  let observed = 0;
  let curves = 0;
  const shown = [];
  const measured = [];
  colours.forEach(({ colour, alignment }, dataset) => {
    const points = quantity ? byDistinctSize(state.results.filter(r => r.datasetId === dataset
      && valueOf(r, quantity) != null), quantity) : [];
    if (points.length === 0) return;
    points.forEach(p => measured.push(p[1]));
    shown.push(dataset);
    observed += points.length;
    tables.push([points.map(p => p[0]), points.map(p => p[1])]);
    series.push({ label: dataset, stroke: colour, fill: colour, width: 0, paths: () => null,
      points: { show: true, size: 7, stroke: colour, fill: colour } });
    const own = state.analysis && state.analysis.curves.find(c => c.dataset === dataset && c.quantity === quantity
      && c.law !== 'alignment-aware');
    if (own && own.points.length > 1) {
      curves++;
      tables.push([own.points.map(p => p[0]), own.points.map(p => p[1]), own.points.map(p => p[2]),
        own.points.map(p => p[3])]);
      const fitIndex = series.length;
      series.push({ label: dataset + ' fit', stroke: colour, width: 2, spanGaps: true, points: { show: false } });
      series.push({ label: dataset + ' high', stroke: 'transparent', width: 0, spanGaps: true, points: { show: false } });
      series.push({ label: dataset + ' low', stroke: 'transparent', width: 0, spanGaps: true, points: { show: false } });
      bands.push({ series: [fitIndex + 1, fitIndex + 2], fill: rgba(colour, 0.14) });
    }
    const aware = state.analysis && state.analysis.curves.find(c => c.dataset === dataset && c.quantity === quantity
      && c.law === 'alignment-aware');
    if (aware && aware.points.length > 1) {
      curves++;
      tables.push([aware.points.map(p => p[0]), aware.points.map(p => p[1])]);
      series.push({ label: dataset + ' alignment-aware', stroke: colour, width: 1.5, dash: [6, 4], spanGaps: true,
        points: { show: false } });
    }
    legendItems.push(el('li', { 'data-series': dataset },
      el('span', { class: 'swatch', style: 'background:' + colour }),
      dataset + (alignment != null ? ' (A = ' + fmt(alignment, 2) + ')' : '') + ' · ' + points.length + ' D'));
  });
  const markers = markerPoints(name, quantity);
  if (markers.length) {
    markers.sort((a, b) => a[0] - b[0]);
    markers.splice(0, markers.length, ...markers.filter((m, i) => i === 0 || m[0] !== markers[i - 1][0]));
    tables.push([markers.map(m => m[0]), markers.map(m => m[1])]);
    series.push({ label: name === 'loss' ? 'crossover' : 'peak', stroke: MARKER, fill: MARKER, width: 0,
      paths: () => null, points: { show: true, size: 11, stroke: MARKER, fill: '#ffffff', width: 2 } });
    legendItems.push(el('li', { 'data-series': name === 'loss' ? 'crossover' : 'peak' },
      el('span', { class: 'swatch dot', style: 'border:2px solid ' + MARKER }),
      name === 'loss' ? 'crossover (equal loss)' : 'peak before a fall'));
  }
  target.dataset.series = shown.join(',');
  target.dataset.points = String(observed);
  target.dataset.curves = String(curves);
  legend.replaceChildren(...legendItems);
  if (charts[name]) {
    charts[name].destroy();
    delete charts[name];
  }
  if (!tables.length) {
    target.replaceChildren(el('p', { class: 'empty' }, quantity ? 'No results yet.' : 'No metric configured.'));
    return;
  }
  target.replaceChildren();
  const yRange = measuredRange(measured);
  target.dataset.yRange = yRange.join(',');
  const data = uPlot.join(tables);
  charts[name] = new uPlot({
    width: Math.max(300, target.clientWidth),
    height: 320,
    scales: { x: { time: false, distr: 3 }, y: { range: yRange } },
    axes: [{ label: 'D (samples seen)', values: (u, ticks) => ticks.map(t => decade(t) ? fmt(t) : '') },
      { label: name === 'loss' ? 'cross-entropy' : quantity, size: 60 }],
    legend: { show: false },
    series,
    bands,
  }, data, target);
}

/**
 * The y range of a curve chart: the measured points with room around them, so that a fitted curve or
 * band extrapolated far from the data (it is clipped) cannot flatten every point onto one line.
 */
function measuredRange(values) {
  if (!values.length) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = hi - lo > 1e-9 ? 0.5 * (hi - lo) : Math.max(0.05, 0.1 * Math.abs(hi));
  lo -= pad;
  hi += pad;
  if (Math.min(...values) >= 0 && lo < 0) lo = 0;
  return [lo, hi];
}

/** [D, value] per distinct D in order (repeated D, e.g. from two runs, are averaged: one x per point in a chart). */
function byDistinctSize(results, quantity) {
  const sums = new Map();
  results.forEach(r => {
    const s = sums.get(r.size) || [0, 0];
    sums.set(r.size, [s[0] + valueOf(r, quantity), s[1] + 1]);
  });
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([d, s]) => [d, s[0] / s[1]]);
}

/** Crossover points (aligned and matching misaligned D at equal loss) or metric peaks, within the drawn range. */
function markerPoints(name, quantity) {
  const a = state.analysis;
  if (!a) return [];
  if (name === 'loss') {
    const maxD = Math.max(...a.curves.flatMap(c => c.points.map(p => p[0])), 0);
    const out = [];
    a.crossovers.filter(c => !c.never && c.misalignedSize <= maxD).forEach(c => {
      out.push([c.alignedSize, c.targetLoss]);
      out.push([c.misalignedSize, c.targetLoss]);
    });
    return out;
  }
  return a.nonMonotonic.filter(n => n.detected && n.peakSize && quantity === a.metric)
    .map(n => [n.peakSize, n.peakMetric]);
}

function renderCrossovers() {
  const a = state.analysis;
  const target = document.getElementById('crossovers');
  table(target, ['aligned set', 'misaligned set', 'D needed', 'exchange rate (95%)'],
    (a ? a.crossovers : []).map(c => [
      c.alignedDataset + ' (A ' + fmt(c.alignedAlignment, 2) + ', D ' + fmt(c.alignedSize) + ')',
      c.misalignedDataset + ' (A ' + fmt(c.misalignedAlignment, 2) + ')',
      c.never ? 'never' : fmt(c.misalignedSize),
      c.never ? 'never: floor ' + fmt(c.misalignedFloor) + ' ≥ ' + fmt(c.targetLoss)
        : '×' + fmt(c.exchangeRate) + ' ' + interval(c.exchangeRateLow, c.exchangeRateHigh),
    ]));
  const comparison = a && a.comparison;
  document.getElementById('comparison').textContent = comparison
    ? 'Held-out mean relative error (' + a.method + '): ' + comparison.entries.map(e => e.law + ' '
      + fmt(e.meanRelativeError)).join(' vs ') + ' → ' + comparison.best + ' extrapolates better.'
    : (a && a.method ? '' : 'No alignment-aware fit yet (needs two datasets with alignment in (0, 1]).');
}

function renderCorrelations() {
  const a = state.analysis;
  document.getElementById('correlation-sub').textContent = a && a.comparableSize
    ? 'Pearson r across ' + a.datasets.length + ' datasets at D = ' + fmt(a.comparableSize) + ' (95% bootstrap).'
    : 'Needs three datasets with a loss curve.';
  table(document.getElementById('correlations'), ['method', 'datasets', 'r (95%)', 'r² (95%)'],
    (a ? a.correlations : []).map(r => [r.method, r.datasets, fmt(r.r) + ' ' + interval(r.rLow, r.rHigh),
      fmt(r.rSquared) + ' ' + interval(r.rSquaredLow, r.rSquaredHigh)]));
}

/** What a window status without a coefficient means, in words. */
const STATUS_WORDS = {
  TOO_SMALL: 'too small (fewer samples than one batch)',
  BUSY: 'means only (the coefficient service was busy)',
  NO_METHOD: 'without a pretrained probe for their payloads',
};

function renderAlignment() {
  const task = state.group && state.group.task;
  const windows = [...state.windows.values()].filter(w => !task || w.task === task || state.groups.length === 0);
  const select = document.getElementById('window-method');
  const methods = [...new Set(windows.map(w => w.method))].sort();
  const current = select.value && methods.includes(select.value) ? select.value
    : (methods.includes('task2vec') ? 'task2vec' : methods[0]);
  select.replaceChildren(...methods.map(m => el('option', { value: m }, m)));
  if (current) select.value = current;
  const chosen = windows.filter(w => w.method === current && w.coefficient != null);
  const target = document.getElementById('alignment-chart');
  target.dataset.points = String(chosen.length);
  if (charts.alignment) {
    charts.alignment.destroy();
    delete charts.alignment;
  }
  const samples = chosen.reduce((s, w) => s + w.n, 0);
  document.getElementById('window-sub').textContent = chosen.length
    ? chosen.length + ' windows, ' + samples + ' samples, mean ' + fmt(chosen.reduce((s, w) => s + w.n * w.coefficient,
      0) / Math.max(1, samples)) : '';
  if (!chosen.length) {
    const without = windows.filter(w => w.method === current);
    const byStatus = new Map();
    without.forEach(w => byStatus.set(w.status, (byStatus.get(w.status) || 0) + 1));
    const why = [...byStatus.entries()].map(([status, n]) => n + ' ' + (STATUS_WORDS[status] || status)).join(', ');
    target.replaceChildren(el('p', { class: 'empty' }, without.length
      ? without.length + ' windows, none with a coefficient yet: ' + why + '.'
      : 'No alignment windows for this task yet.'));
    return;
  }
  target.replaceChildren();
  const values = chosen.map(w => w.coefficient);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) { lo -= 0.05; hi += 0.05; }
  const bins = 20;
  const width = (hi - lo) / bins;
  const counts = new Array(bins).fill(0);
  chosen.forEach(w => { counts[Math.min(bins - 1, Math.floor((w.coefficient - lo) / width))] += w.n; });
  const xs = counts.map((_, i) => lo + (i + 0.5) * width);
  const fractions = counts.map(c => c / Math.max(1, samples));
  charts.alignment = new uPlot({
    width: Math.max(300, target.clientWidth),
    height: 220,
    scales: { x: { time: false }, y: { auto: true } },
    axes: [{ label: current + ' alignment coefficient of each window' }, { label: 'share of samples', size: 50 }],
    legend: { show: false },
    series: [{}, { label: current, stroke: PALETTE[0], fill: rgba(PALETTE[0], 0.5),
      paths: uPlot.paths.bars({ size: [0.9, 100] }), points: { show: false } }],
  }, [xs, fractions], target);
}

function renderDatasets() {
  const task = state.group && state.group.task;
  const all = [...state.datasets.values()];
  const list = all.filter(d => !task || d.task === task).length ? all.filter(d => !task || d.task === task) : all;
  list.sort((a, b) => a.datasetId.localeCompare(b.datasetId));
  const largest = Math.max(1, ...list.map(d => d.sizeLimit || d.size));
  const target = document.getElementById('datasets');
  if (!list.length) {
    target.replaceChildren(el('p', { class: 'empty' }, 'No curated datasets yet.'));
    return;
  }
  const t = el('table');
  table(t, ['dataset', 'policy', 'size', '', 'mean A', ''], list.map(d => [
    d.datasetId + (d.family ? ' · ' + d.family : ''), d.policy,
    fmt(d.size) + (d.sizeLimit ? ' / ' + fmt(d.sizeLimit) : ''),
    el('div', { class: 'bar' }, el('span', { style: 'width:' + (100 * d.size / largest).toFixed(1) + '%' })),
    fmt(d.meanAlignment, 2), el('span', { class: 'badge' + (d.sealed ? ' sealed' : '') }, d.sealed ? 'sealed' : 'open'),
  ]));
  target.replaceChildren(t);
}

function renderHealth() {
  const h = state.health;
  const target = document.getElementById('health');
  if (!h) {
    target.replaceChildren(el('p', { class: 'empty' }, 'Waiting for the first health sample.'));
    return;
  }
  const tile = (value, label, bad) => el('div', { class: 'tile' + (bad ? ' bad' : '') }, el('b', {}, value),
    el('span', {}, label));
  const maxLag = Math.max(0, ...h.consumerGroups.map(g => g.lag));
  const tiles = el('div', { class: 'tiles' },
    tile(fmt(h.results), 'results'), tile(fmt(h.resultsPerMinute), 'results / min'),
    tile(fmt(h.fits), 'fits'), tile(h.lastRefitMs == null ? '–' : h.lastRefitMs + ' ms', 'last refit'),
    tile(h.lastRefitLatencyMs == null ? '–' : h.lastRefitLatencyMs + ' ms', 'result → fit'),
    tile(fmt(h.analyzerLagTotal), 'analyzer lag', h.analyzerLagTotal > 1000),
    tile(fmt(maxLag), 'max consumer lag', maxLag > 10000),
    tile(fmt(h.deadLettersTotal), 'dead letters', h.deadLettersTotal > 0));
  const rows = h.consumerGroups.map(g => ['group ' + g.group, fmt(g.lag) + ' behind']);
  Object.entries(h.deadLetters).forEach(([stage, n]) => rows.push(['dead letters · ' + stage, fmt(n)]));
  Object.entries(h.topics).filter(([, s]) => s.records > 0).forEach(([topic, s]) =>
    rows.push([topic, fmt(s.records) + ' records' + (s.recordsPerSecond ? ', ' + fmt(s.recordsPerSecond) + '/s' : '')]));
  if (h.adminError) rows.push(['admin', h.adminError]);
  if (h.readError) rows.push(['reader', h.readError]);
  const t = el('table');
  table(t, ['', ''], rows);
  target.replaceChildren(tiles, t);
}

function renderFits() {
  const fits = [...state.fits.values()].sort((a, b) => a.fitId.localeCompare(b.fitId));
  table(document.getElementById('fits'), ['law', 'quantity', 'dataset / alignment', 'points', 'parameters (95%)',
    'held-out rel. error', 'peak D'], fits.map(f => [f.law, f.metric, f.dataset || f.method, f.points,
    f.parameters.map(p => p.name + ' ' + fmt(p.value) + ' ' + interval(p.ciLow, p.ciHigh)).join('; '),
    fmt(f.goodness.heldOutMeanRelativeError), f.peakSize == null ? '' : fmt(f.peakSize)]));
  const notes = state.analysis ? state.analysis.notes : [];
  document.getElementById('notes').replaceChildren(...notes.map(n => el('li', {}, n)));
}

// ---------- start ----------

document.getElementById('group').addEventListener('change', e => {
  const [task, family] = e.target.value.split('|');
  state.group = { task, family };
  history.replaceState(null, '', '?task=' + encodeURIComponent(task) + '&family=' + encodeURIComponent(family));
  loadGroup().catch(console.error);
});
document.getElementById('window-method').addEventListener('change', () => scheduleRender());
window.addEventListener('resize', () => scheduleRender());

connect();
loadAll().catch(error => {
  console.error(error);
  setLive('down', 'cannot load: ' + error.message);
});
