// The deadlines view: what is running now across patients, due within 24 hours and overdue, and the deadlines missed
// this month, by ward, team and escalation level (the "deadlines" indicator of GET /api/indicators), then every
// deadline behind those figures (GET /api/indicators/deadlines/patients), filtered and sorted.
'use strict';

(function () {
  const {el, word, formatMonth, formatDateTime, monthOf, pathwayLink, getJson, problemText, say, sortableTable,
    due} = window.MhPathway;

  const icsField = document.getElementById('ics');
  const filters = {
    ward: document.getElementById('filter-ward'),
    team: document.getElementById('filter-team'),
    level: document.getElementById('filter-level'),
    status: document.getElementById('filter-status')
  };
  let chart = null;
  let deadlines = [];
  let asAt = null;

  const list = sortableTable(document.getElementById('deadlines'), [
    {key: 'pathwayId', label: 'Pathway', value: d => d.pathwayId, cell: d => pathwayLink(d.pathwayId)},
    {key: 'ward', label: 'Ward', value: d => d.ward || '', cell: d => d.ward || el('span', {class: 'muted',
      text: 'not recorded'})},
    {key: 'what', label: 'Deadline', value: d => d.details.what, cell: d => d.details.what},
    {key: 'team', label: 'Team', value: d => word(d.details.team), cell: d => word(d.details.team)},
    {key: 'level', label: 'Escalation level', value: d => levelOf(d), cell: d => levelText(d)},
    {key: 'due', label: 'Due', value: d => d.dates.dueAt, cell: d => (d.status === 'breached'
      ? formatDateTime(d.dates.dueAt) : due(d.dates.dueAt, asAt))},
    {key: 'status', label: 'Status', value: d => STATUS_ORDER.indexOf(d.status), cell: d => el('span', {
      class: d.status === 'overdue' ? 'overdue' : d.status === 'due-within-24-hours' ? 'soon' : null,
      text: word(d.status) + (d.status === 'breached'
        ? (d.dates.respondedAt ? ', answered' : ', not yet answered') : '')})}
  ], {key: 'due', ascending: true});

  const STATUS_ORDER = ['overdue', 'due-within-24-hours', 'running', 'breached'];

  function levelOf(d) {
    return d.details.escalationLadder ? d.details.escalationLadder + ' ' + d.details.escalationLevel : '';
  }

  function levelText(d) {
    if (!d.details.escalationLadder) {
      return '';
    }
    return word(d.details.escalationLadder) + ', level ' + d.details.escalationLevel
        + (d.details.escalationLevelName ? ': ' + d.details.escalationLevelName : '');
  }

  async function load() {
    const ics = icsField.value;
    const month = monthOf(new Date(), 0);
    say('Counting…');
    const [figures, behind] = await Promise.all([
      getJson('/api/indicators?' + new URLSearchParams({ics, from: month, indicators: 'deadlines'})),
      getJson('/api/indicators/deadlines/patients?' + new URLSearchParams({ics, from: month, limit: '5000'}))]);
    if (figures.status !== 200 || behind.status !== 200) {
      say(problemText(figures.status !== 200 ? figures : behind), 'error');
      return;
    }
    say('');
    asAt = figures.body.asAt;
    document.getElementById('as-at').textContent = 'As at ' + formatDateTime(asAt) + '. Missed deadlines are '
        + 'those of ' + formatMonth(month) + '.';
    const cells = figures.body.results.filter(c => c.ics === ics && c.month === null);
    const all = cells.find(c => c.ward === null).indicators.deadlines;
    tiles(all);
    byWard(cells.filter(c => c.ward !== null));
    byTeam(all);
    byLevel(all);
    deadlines = behind.body.patients;
    const truncated = document.getElementById('truncated');
    truncated.hidden = !behind.body.truncated;
    truncated.textContent = behind.body.truncated ? 'Showing the first ' + deadlines.length + ' of '
        + behind.body.total + ' deadlines, the most urgent first.' : '';
    choices();
    filter();
  }

  function tiles(f) {
    const box = document.getElementById('tiles');
    box.textContent = '';
    const tile = (id, value, label, kind) => box.appendChild(el('div', {class: 'tile' + (kind ? ' ' + kind : ''),
      id: 'tile-' + id}, el('div', {class: 'value', text: String(value ?? 0)}), el('div', {class: 'label',
      text: label})));
    tile('running', f.running, 'Running now');
    tile('due-soon', f.dueWithin24Hours, 'Due within 24 hours', f.dueWithin24Hours ? 'warn' : null);
    tile('overdue', f.overdue, 'Overdue now', f.overdue ? 'bad' : null);
    tile('breached', f.breached, 'Missed this month', f.breached ? 'bad' : null);
    tile('awaiting', f.breachesAwaitingResponse, 'Missed, not yet answered', f.breachesAwaitingResponse
        ? 'warn' : null);
  }

  function byWard(cells) {
    const node = document.getElementById('by-ward');
    const wards = cells.map(c => c.ward);
    const figures = cells.map(c => c.indicators.deadlines);
    node.dataset.wards = String(wards.length);
    if (!window.echarts) {
      node.textContent = 'The chart could not be drawn.';
      return;
    }
    if (chart) {
      chart.dispose();
    }
    chart = window.echarts.init(node, null, {renderer: 'canvas'});
    const later = figures.map(f => (f.running || 0) - (f.overdue || 0) - (f.dueWithin24Hours || 0));
    chart.setOption({
      animation: false,
      grid: {left: 110, right: 16, top: 30, bottom: 24},
      legend: {top: 0},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: wards, axisLabel: {width: 100, overflow: 'truncate'}},
      series: [
        {name: 'Overdue', type: 'bar', stack: 'due', data: figures.map(f => f.overdue || 0),
          itemStyle: {color: '#d5281b'}, barMaxWidth: 28},
        {name: 'Due within 24 hours', type: 'bar', stack: 'due', data: figures.map(f => f.dueWithin24Hours || 0),
          itemStyle: {color: '#ffb81c'}, barMaxWidth: 28},
        {name: 'Later', type: 'bar', stack: 'due', data: later, itemStyle: {color: '#005eb8'}, barMaxWidth: 28}
      ]
    });
    // a ward's bar narrows the list to that ward
    chart.on('click', params => {
      filters.ward.value = wards[params.dataIndex];
      filter();
    });
  }

  function byTeam(f) {
    const rows = Object.entries(f.byTeam || {}).map(([team, v]) => ({team, ...v}));
    sortableTable(document.getElementById('by-team'), [
      {key: 'team', label: 'Team', value: r => word(r.team), cell: r => word(r.team)},
      {key: 'running', label: 'Running', number: true, value: r => r.running ?? 0, cell: r => String(r.running ?? 0)},
      {key: 'soon', label: 'Due within 24 hours', number: true, value: r => r.dueWithin24Hours ?? 0,
        cell: r => String(r.dueWithin24Hours ?? 0)},
      {key: 'overdue', label: 'Overdue', number: true, value: r => r.overdue ?? 0, cell: r => el('span', {
        class: r.overdue ? 'overdue' : null, text: String(r.overdue ?? 0)})},
      {key: 'breached', label: 'Missed this month', number: true, value: r => r.breached ?? 0,
        cell: r => String(r.breached ?? 0)},
      {key: 'awaiting', label: 'Not yet answered', number: true, value: r => r.breachesAwaitingResponse ?? 0,
        cell: r => String(r.breachesAwaitingResponse ?? 0)}
    ], {key: 'overdue', ascending: false}).render(rows);
  }

  function byLevel(f) {
    const rows = [];
    for (const [ladder, levels] of Object.entries(f.byEscalationLevel || {})) {
      for (const [level, v] of Object.entries(levels)) {
        rows.push({ladder, level: Number(level), ...v});
      }
    }
    sortableTable(document.getElementById('by-level'), [
      {key: 'ladder', label: 'Escalation', value: r => r.ladder, cell: r => word(r.ladder)},
      {key: 'level', label: 'Level reached', value: r => r.level, cell: r => r.level + (r.name ? ': ' + r.name : '')},
      {key: 'running', label: 'Running', number: true, value: r => r.running ?? 0, cell: r => String(r.running ?? 0)},
      {key: 'soon', label: 'Due within 24 hours', number: true, value: r => r.dueWithin24Hours ?? 0,
        cell: r => String(r.dueWithin24Hours ?? 0)},
      {key: 'overdue', label: 'Overdue', number: true, value: r => r.overdue ?? 0, cell: r => el('span', {
        class: r.overdue ? 'overdue' : null, text: String(r.overdue ?? 0)})}
    ], {key: 'ladder', ascending: true}).render(rows);
  }

  /** Each filter offers the values the deadlines have, keeping what was chosen. */
  function choices() {
    const fill = (select, values, label) => {
      const chosen = select.value;
      const first = select.options[0];
      select.textContent = '';
      select.appendChild(first);
      for (const value of values) {
        select.appendChild(el('option', {value, text: label(value)}));
      }
      select.value = values.includes(chosen) ? chosen : '';
    };
    const unique = f => Array.from(new Set(deadlines.map(f).filter(Boolean))).sort();
    fill(filters.ward, unique(d => d.ward), v => v);
    fill(filters.team, unique(d => d.details.team), word);
    fill(filters.level, unique(levelOf), v => {
      const d = deadlines.find(x => levelOf(x) === v);
      return levelText(d);
    });
    fill(filters.status, STATUS_ORDER.filter(s => deadlines.some(d => d.status === s)), word);
  }

  function filter() {
    const shown = deadlines.filter(d => (!filters.ward.value || d.ward === filters.ward.value)
        && (!filters.team.value || d.details.team === filters.team.value)
        && (!filters.level.value || levelOf(d) === filters.level.value)
        && (!filters.status.value || d.status === filters.status.value));
    document.getElementById('list-count').textContent = shown.length + ' of ' + deadlines.length;
    list.render(shown);
  }

  Object.values(filters).forEach(select => select.addEventListener('change', filter));
  document.getElementById('controls').addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  window.addEventListener('resize', () => chart && chart.resize());

  window.MhPathway.start('deadlines', ['managers'], 'managers', async me => {
    window.MhPathway.icsSelect(icsField, me);
    document.getElementById('page').hidden = false;
    await load();
  });
})();
