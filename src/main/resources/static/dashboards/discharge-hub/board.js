// The discharge hub's board: every open delayed discharge (GET /api/delayed-discharges) and housing case
// (GET /api/housing-cases) of the user's ICSs, with days delayed, reason, attribution, escalation level, the next
// escalation and the actions partners owe with their dates; filtered and sorted here, each row opening the pathway.
'use strict';

(function () {
  const {el, word, formatDate, formatDateTime, monthOf, pathwayLink, getJson, problemText, say, sortableTable,
    due} = window.MhPathway;

  const filters = {
    kind: document.getElementById('filter-kind'),
    ics: document.getElementById('filter-ics'),
    ward: document.getElementById('filter-ward'),
    reason: document.getElementById('filter-reason'),
    attribution: document.getElementById('filter-attribution'),
    level: document.getElementById('filter-level'),
    text: document.getElementById('filter-text')
  };
  const charts = {};
  let rows = [];
  let today = new Date().toISOString().slice(0, 10);

  /** An action is overdue once its day has passed. */
  const overdueAction = a => a.dueDate && a.dueDate < today;

  function actions(row) {
    if (!row.actions.length) {
      return el('span', {class: 'muted', text: 'none'});
    }
    return el('ul', {class: 'owed'}, row.actions.map(a => el('li', {class: overdueAction(a) ? 'overdue' : null},
        word(a.owner) + ': ' + a.action + (a.dueDate ? ', by ' + formatDate(a.dueDate) : ', no date agreed')
        + (overdueAction(a) ? ' (overdue)' : ''))));
  }

  const board = sortableTable(document.getElementById('board'), [
    {key: 'pathwayId', label: 'Pathway', value: r => r.pathwayId, cell: r => pathwayLink(r.pathwayId)},
    {key: 'kind', label: 'Case', value: r => r.kind, cell: r => caseText(r)},
    {key: 'ics', label: 'ICS', value: r => r.ics, cell: r => r.ics},
    {key: 'ward', label: 'Ward', value: r => r.ward || '', cell: r => r.ward || el('span', {class: 'muted',
      text: 'not recorded'})},
    {key: 'days', label: 'Days delayed', number: true, value: r => r.days, cell: r => (r.days === null
      ? el('span', {class: 'muted', text: 'not delayed'}) : String(r.days))},
    {key: 'reason', label: 'Reason', value: r => word(r.reason), cell: r => word(r.reason)},
    {key: 'attribution', label: 'Attributable to', value: r => word(r.attribution), cell: r => word(r.attribution)},
    {key: 'level', label: 'Level', value: r => r.level, cell: r => (r.level === null ? ''
      : r.level + (r.levelName ? ': ' + r.levelName : ''))},
    {key: 'next', label: 'Next escalation', value: r => r.nextDue || '', cell: r => (r.nextDue
      ? el('span', {}, due(r.nextDue), r.nextLevelName ? el('br') : null, r.nextLevelName ? 'to ' + r.nextLevelName
          : null)
      : el('span', {class: 'muted', text: 'none'}))},
    {key: 'actions', label: 'Actions owed', value: r => firstDue(r), cell: actions}
  ], {key: 'days', ascending: false});

  function firstDue(row) {
    const dates = row.actions.map(a => a.dueDate).filter(Boolean).sort();
    return dates.length ? dates[0] : '';
  }

  function caseText(row) {
    if (row.kind === 'delay') {
      return el('span', {}, 'Delayed discharge', el('br'), el('span', {class: 'muted',
        text: 'since ' + formatDate(row.since) + (row.authority ? ', ' + row.authority : '')}));
    }
    const answer = row.authorityAnswer ? 'authority answered: ' + word(row.authorityAnswer)
        : row.referralSentAt ? 'referred ' + formatDate(row.referralSentAt) + ', no answer yet'
            : 'not referred yet';
    return el('span', {}, 'Housing' + (row.needType ? ': ' + word(row.needType) : ''), el('br'),
        el('span', {class: 'muted', text: (row.chosenAuthority ? row.chosenAuthority + ', ' : '') + answer}));
  }

  async function load() {
    say('Loading…');
    const month = monthOf(new Date(), 0);
    const [delays, housing, figures] = await Promise.all([getJson('/api/delayed-discharges'),
      getJson('/api/housing-cases'), getJson('/api/indicators?' + new URLSearchParams({from: month, byWard: 'false',
        indicators: 'delayedDischarges'}))]);
    if (delays.status !== 200 || housing.status !== 200) {
      say(problemText(delays.status !== 200 ? delays : housing), 'error');
      return;
    }
    say('');
    today = new Date().toISOString().slice(0, 10);
    rows = delays.body.map(d => ({kind: 'delay', pathwayId: d.pathwayId, ics: d.homeIcs, ward: d.ward,
      days: d.daysDelayed, since: d.delayedSince, reason: d.reason, attribution: d.attribution,
      authority: d.responsibleLocalAuthority, level: d.escalationLevel, levelName: d.escalationLevelName,
      nextDue: d.nextEscalationDue, nextLevelName: d.nextEscalationLevelName, actions: d.actionsOwed}))
        .concat(housing.body.map(h => ({kind: 'housing', pathwayId: h.pathwayId, ics: h.homeIcs, ward: h.ward,
          days: h.delay ? h.delay.daysDelayed : null, since: h.openedAt, reason: h.delay ? h.delay.reason : null,
          attribution: h.delay ? h.delay.attribution : null, level: h.escalationLevel ?? null,
          levelName: h.escalationLevelName, nextDue: h.nextEscalationDue, nextLevelName: h.nextEscalationLevelName,
          actions: h.actionsOwed, needType: h.needType, chosenAuthority: h.chosenAuthority,
          referralSentAt: h.referralSentAt, authorityAnswer: h.authorityAnswer})));
    tiles(figures.status === 200 ? figures.body : null);
    plot();
    choices();
    filter();
  }

  function tiles(figures) {
    const box = document.getElementById('tiles');
    box.textContent = '';
    const tile = (id, value, label, kind) => box.appendChild(el('div', {class: 'tile' + (kind ? ' ' + kind : ''),
      id: 'tile-' + id}, el('div', {class: 'value', text: String(value)}), el('div', {class: 'label', text: label})));
    const delays = rows.filter(r => r.kind === 'delay');
    const owed = rows.flatMap(r => r.actions);
    const unique = new Map(owed.map(a => [a.source + a.owner + a.action + a.dueDate, a]));
    const now = Date.now();
    tile('delays', delays.length, 'Delayed discharges open');
    tile('housing', rows.length - delays.length, 'Housing cases open');
    const escalationsDue = rows.filter(r => r.nextDue && new Date(r.nextDue).getTime() < now + 24 * 3600 * 1000);
    tile('escalations', escalationsDue.length, 'Escalations due within 24 hours or overdue',
        escalationsDue.length ? 'warn' : null);
    const overdue = Array.from(unique.values()).filter(overdueAction).length;
    tile('actions', unique.size, 'Partner actions owed');
    tile('actions-overdue', overdue, 'Partner actions overdue', overdue ? 'bad' : null);
    if (figures) {
      const lost = figures.results.filter(c => c.ward === null && c.month === null)
          .reduce((sum, c) => sum + (c.indicators.delayedDischarges.bedDaysLost || 0), 0);
      tile('bed-days', Math.round(lost * 10) / 10, 'Bed days lost this month');
    }
  }

  function plot() {
    if (!window.echarts) {
      return;
    }
    const delays = rows.filter(r => r.kind === 'delay');
    const reasons = {};
    delays.forEach(r => (reasons[word(r.reason || 'not-recorded')] = (reasons[word(r.reason || 'not-recorded')] || 0) + 1));
    draw('by-reason', {
      grid: {left: 120, right: 16, top: 10, bottom: 24},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: Object.keys(reasons)},
      series: [{name: 'Open delays', type: 'bar', data: Object.values(reasons), itemStyle: {color: '#005eb8'},
        barMaxWidth: 32}]
    });
    const levels = Array.from(new Set(rows.map(r => r.level).filter(l => l !== null))).sort((a, b) => a - b);
    draw('by-level', {
      grid: {left: 40, right: 16, top: 30, bottom: 24},
      legend: {top: 0},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'category', data: levels.map(l => 'Level ' + l)},
      yAxis: {type: 'value', minInterval: 1},
      series: [
        {name: 'Delayed discharges', type: 'bar', data: levels.map(l => delays.filter(r => r.level === l).length),
          itemStyle: {color: '#005eb8'}, barMaxWidth: 32},
        {name: 'Housing cases', type: 'bar', data: levels.map(l => rows.filter(r => r.kind === 'housing'
            && r.level === l).length), itemStyle: {color: '#768692'}, barMaxWidth: 32}
      ]
    });
  }

  function draw(id, option) {
    if (charts[id]) {
      charts[id].dispose();
    }
    charts[id] = window.echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
    charts[id].setOption({animation: false, ...option});
  }

  function choices() {
    const fill = (select, values, label) => {
      const chosen = select.value;
      const first = select.options[0];
      select.textContent = '';
      select.appendChild(first);
      for (const value of values) {
        select.appendChild(el('option', {value: String(value), text: label(value)}));
      }
      select.value = values.map(String).includes(chosen) ? chosen : '';
    };
    const unique = f => Array.from(new Set(rows.map(f).filter(v => v !== null && v !== undefined && v !== '')))
        .sort((a, b) => (a < b ? -1 : 1));
    fill(filters.ics, unique(r => r.ics), v => v);
    fill(filters.ward, unique(r => r.ward), v => v);
    fill(filters.reason, unique(r => r.reason), word);
    fill(filters.attribution, unique(r => r.attribution), word);
    fill(filters.level, unique(r => r.level), v => 'Level ' + v);
  }

  function filter() {
    const text = filters.text.value.trim().toUpperCase();
    const shown = rows.filter(r => (!filters.kind.value || r.kind === filters.kind.value)
        && (!filters.ics.value || r.ics === filters.ics.value)
        && (!filters.ward.value || r.ward === filters.ward.value)
        && (!filters.reason.value || r.reason === filters.reason.value)
        && (!filters.attribution.value || r.attribution === filters.attribution.value)
        && (!filters.level.value || String(r.level) === filters.level.value)
        && (!text || r.pathwayId.toUpperCase().includes(text)));
    document.getElementById('count').textContent = shown.length + ' of ' + rows.length + ' shown; as at '
        + formatDateTime(new Date().toISOString());
    board.render(shown);
  }

  for (const field of Object.values(filters)) {
    field.addEventListener(field.tagName === 'INPUT' ? 'input' : 'change', filter);
  }
  document.getElementById('filters').addEventListener('submit', event => event.preventDefault());
  document.getElementById('refresh').addEventListener('click', load);
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  window.MhPathway.start('discharge-hub', ['discharge-hub', 'housing', 'managers'],
      'the discharge hub, housing and managers', async () => {
        document.getElementById('page').hidden = false;
        await load();
      });
})();
