// The managers' dashboard: each indicator of GET /api/indicators for one ICS (and ward) over a period, its monthly
// trend beside the ICS's target, and the patients behind a figure (GET /api/indicators/{name}/patients). Charts are
// drawn by Apache ECharts, served by this service.
'use strict';

(function () {
  const {el, word, formatDate, formatDateTime, formatMonth, monthOf, pathwayLink, getJson, problemText, say,
    sortableTable} = window.MhPathway;

  const percent = value => (value === null || value === undefined ? '–' : (Math.round(value * 1000) / 10) + '%');
  const n = value => (value === null || value === undefined ? '–' : String(value));
  /** "1 discharge", "3 discharges". */
  const count = (value, one, many) => n(value) + ' ' + (value === 1 ? one : many);

  /**
   * What each indicator shows: a rate (numerator of denominator, against a target rate) or a count (the numerator,
   * against a target count); what a month's bar is; and the figures beside it.
   */
  const INDICATORS = [
    {key: 'followUpWithin72Hours', title: 'Follow-up within 72 hours of discharge', kind: 'rate',
      what: 'Adult acute discharges followed up by the end of the third day after discharge, as the national '
          + 'indicator counts them. Deaths, discharges to prison or court and transfers to another hospital are '
          + 'not counted.',
      further: f => [n(f.slaClockBreached) + ' broke the 72-hour clock', n(f.pending) + ' not known yet',
        n(f.excluded) + ' not counted']},
    {key: 'delayedDischarges', title: 'Delayed discharges', kind: 'count',
      what: 'People clinically ready for discharge but still in hospital, at the end of each month (now, for this '
          + 'month), of everyone in hospital.',
      further: f => [n(f.startedInPeriod) + ' began in the period', count(f.bedDaysLost, 'bed day lost',
        'bed days lost')]},
    {key: 'outOfAreaPlacements', title: 'Out-of-area placements', kind: 'count',
      what: 'People placed in a bed outside their home ICS, at the end of each month (now, for this month).',
      further: f => [n(f.startedInPeriod) + ' began in the period', count(f.bedDaysOutOfArea, 'bed day out of area',
        'bed days out of area')]},
    {key: 'longStays', title: 'Long stays', kind: 'count',
      what: 'Adults in hospital over 60 days and older adults over 90 days, at the end of each month.',
      further: f => [count(f.adultsOver60Days, 'adult', 'adults'),
        count(f.olderAdultsOver90Days, 'older adult', 'older adults')]},
    {key: 'learningDisabilityAndAutismInpatients', title: 'People with a learning disability or autism in hospital',
      kind: 'count', what: 'At the end of each month (now, for this month), against the ICS\'s trajectory.',
      further: () => []},
    {key: 'cetrOnTime', title: 'C(E)TRs held on time', kind: 'rate',
      what: 'Care (Education) and Treatment Reviews held by their due date, of those due.',
      further: f => [n(f.pending) + ' not due yet']},
    {key: 'oversightVisitsOnTime', title: 'Oversight visits held on time', kind: 'rate',
      what: 'Commissioner oversight visits held by their due date, of those due.',
      further: f => [n(f.pending) + ' not due yet']},
    {key: 'keyStage1Within72Hours', title: 'Key Stage 1 within 72 hours of admission', kind: 'rate',
      what: 'Admissions whose first 72 hours\' work was all done in time.',
      further: f => [count(f.admissions, 'admission', 'admissions'), n(f.pending) + ' within their 72 hours']},
    {key: 'dischargeNoticeGiven48Hours', title: '48 hours\' notice of discharge', kind: 'rate',
      what: 'Discharges at least 48 hours after notice was given to the person, their carers and services.',
      further: f => [n(f.noNoticeRecorded) + ' with no notice recorded']},
    {key: 'gpSummaryWithin7Days', title: 'Discharge summary to the GP within 7 days', kind: 'rate',
      what: 'Discharges whose summary reached the GP within 7 days.',
      further: f => [count(f.discharges, 'discharge', 'discharges'), n(f.pending) + ' within their 7 days']},
    {key: 'readmissionsWithin30Days', title: 'Readmissions within 30 days', kind: 'rate', lowerIsBetter: true,
      what: 'Discharges followed within 30 days by a new admission of the same person.',
      further: f => [count(f.discharges, 'discharge', 'discharges'), n(f.pending) + ' within their 30 days']},
    {key: 'deadlines', title: 'Deadlines', kind: 'deadlines',
      what: 'Deadlines missed in each month; overdue now of those running now.',
      further: f => [n(f.running) + ' running', n(f.dueWithin24Hours) + ' due within 24 hours',
        n(f.breachesAwaitingResponse) + ' missed and not yet answered']}
  ];

  const form = document.getElementById('controls');
  const icsField = document.getElementById('ics');
  const fromField = document.getElementById('from');
  const toField = document.getElementById('to');
  const wardField = document.getElementById('ward');
  const cards = document.getElementById('cards');
  const charts = [];
  let shown = null; // the query of the figures on the page

  function query(extra) {
    const params = new URLSearchParams({ics: shown.ics, from: shown.from, to: shown.to});
    if (shown.ward) {
      params.set('ward', shown.ward);
    }
    for (const [key, value] of Object.entries(extra || {})) {
      if (value) {
        params.set(key, value);
      }
    }
    return params.toString();
  }

  async function load() {
    shown = {ics: icsField.value, from: fromField.value, to: toField.value, ward: wardField.value};
    say('Counting…');
    // the ICS's (or the ward's) own cells: each ward's would be a hundred times as many at national load
    const answer = await getJson('/api/indicators?' + query({byWard: 'false'}));
    if (answer.status !== 200) {
      say(problemText(answer), 'error');
      return;
    }
    say('');
    const report = answer.body;
    document.getElementById('as-at').textContent = 'As at ' + formatDateTime(report.asAt) + ', from '
        + formatDate(report.from) + ' to ' + formatDate(report.to);
    const ward = shown.ward || null;
    const cells = report.results.filter(c => c.ics === shown.ics && (c.ward || null) === ward);
    wards(report);
    draw(cells.find(c => c.month === null), cells.filter(c => c.month !== null));
  }

  /**
   * The ward choice: every ward the answer counted anything on, keeping the one chosen. An answer for one ward names
   * that ward only, so the ICS's other wards, known from its last answer, stay to choose from.
   */
  function wards(report) {
    const chosen = wardField.value;
    const names = new Set((report.wards || {})[shown.ics] || []);
    if (chosen) {
      names.add(chosen);
      if (wardField.dataset.ics === shown.ics) {
        Array.from(wardField.options).forEach(o => o.value && names.add(o.value));
      }
    }
    wardField.dataset.ics = shown.ics;
    wardField.textContent = '';
    wardField.appendChild(el('option', {value: '', text: 'Every ward'}));
    for (const name of Array.from(names).sort()) {
      wardField.appendChild(el('option', {value: name, text: name}));
    }
    wardField.value = chosen;
  }

  function draw(period, months) {
    charts.splice(0).forEach(c => c.dispose());
    cards.textContent = '';
    for (const indicator of INDICATORS) {
      const figure = period && period.indicators[indicator.key];
      if (!figure) {
        continue;
      }
      cards.appendChild(card(indicator, figure, months));
    }
  }

  function headline(indicator, f) {
    if (indicator.kind === 'rate') {
      return [el('span', {class: 'figure', text: percent(f.rate)}),
        el('span', {class: 'of', text: n(f.numerator) + ' of ' + n(f.denominator)})];
    }
    if (indicator.kind === 'deadlines') {
      return [el('span', {class: 'figure', text: n(f.breached)}),
        el('span', {class: 'of', text: 'missed in the period; ' + n(f.numerator) + ' of ' + n(f.denominator)
              + ' running are overdue now'})];
    }
    return [el('span', {class: 'figure', text: n(f.numerator)}),
      el('span', {class: 'of', text: 'of ' + n(f.denominator) + ' in hospital'})];
  }

  function targetText(target) {
    if (!target) {
      return null;
    }
    const goal = target.atLeast !== null ? 'at least ' + percent(target.atLeast) : 'at most ' + target.atMost;
    const by = target.by ? ' by ' + formatDate(target.by) : '';
    const met = target.met === null ? null : el('span', {class: 'badge ' + (target.met ? 'met' : 'not-met'),
      text: target.met ? 'Target met' : 'Target not met'});
    return el('p', {class: 'further target', title: target.note || null}, 'Target: ' + goal + by + ' ', met);
  }

  /** The month's value a bar shows. */
  function value(indicator, f) {
    if (!f) {
      return null;
    }
    if (indicator.kind === 'rate') {
      return f.rate === null ? null : Math.round(f.rate * 1000) / 10;
    }
    if (indicator.kind === 'deadlines') {
      return f.breached;
    }
    return f.numerator;
  }

  function targetValue(indicator, target) {
    if (!target) {
      return null;
    }
    if (indicator.kind === 'rate') {
      return target.atLeast === null ? null : Math.round(target.atLeast * 1000) / 10;
    }
    return target.atMost;
  }

  function card(indicator, figure, months) {
    const chart = el('div', {class: 'chart', role: 'img',
      'aria-label': indicator.title + ' by month, with the target'});
    const node = el('section', {class: 'card', 'data-indicator': indicator.key},
        el('h2', {text: indicator.title}),
        el('p', {class: 'what', text: indicator.what}),
        el('div', {class: 'headline'}, headline(indicator, figure)),
        targetText(figure.target),
        chart,
        el('p', {class: 'further', text: indicator.further(figure).join(' · ')}),
        el('div', {class: 'actions'},
            el('button', {type: 'button', class: 'secondary patients', text: 'Patients behind the figure',
              onclick: () => drill(indicator, null)})));
    // drawn once the card is on the page, so that the chart knows its size
    requestAnimationFrame(() => plot(chart, indicator, months));
    return node;
  }

  function plot(node, indicator, months) {
    if (!window.echarts) {
      node.textContent = 'The chart could not be drawn.';
      return;
    }
    const chart = window.echarts.init(node, null, {renderer: 'canvas'});
    charts.push(chart);
    const values = months.map(m => value(indicator, m.indicators[indicator.key]));
    const targets = months.map(m => targetValue(indicator, m.indicators[indicator.key].target));
    const unit = indicator.kind === 'rate' ? '%' : '';
    const series = [{
      name: indicator.kind === 'rate' ? 'Rate' : indicator.kind === 'deadlines' ? 'Missed' : 'Count',
      type: 'bar', data: values, itemStyle: {color: '#005eb8'}, barMaxWidth: 28
    }];
    if (targets.some(t => t !== null)) {
      series.push({name: 'Target', type: 'line', step: 'middle', data: targets, symbol: 'none',
        lineStyle: {color: '#d5281b', type: 'dashed', width: 2}, itemStyle: {color: '#d5281b'}});
    }
    chart.setOption({
      animation: false,
      grid: {left: 40, right: 12, top: 26, bottom: 24},
      legend: {top: 0, right: 0, itemWidth: 14, textStyle: {fontSize: 11}},
      tooltip: {trigger: 'axis', valueFormatter: v => (v === null || v === undefined ? '–' : v + unit)},
      xAxis: {type: 'category', data: months.map(m => formatMonth(m.month, true)), axisLabel: {fontSize: 10}},
      yAxis: {type: 'value', min: 0, max: indicator.kind === 'rate' ? 100 : null, minInterval: 1,
        axisLabel: {formatter: '{value}' + unit, fontSize: 10}},
      series
    });
    // a month's bar opens the patients behind that month's figure
    chart.on('click', params => drill(indicator, months[params.dataIndex].month));
    node.dataset.months = String(months.length);
  }

  // ---- the patients behind a figure ----

  const drillPanel = document.getElementById('drill');
  const drillTable = document.getElementById('drill-table');
  let drilled = null;

  async function drill(indicator, month, status) {
    drilled = {indicator, month, status};
    drillPanel.hidden = false;
    document.getElementById('drill-title').textContent = indicator.title + ': the patients behind the figure';
    const answer = await getJson('/api/indicators/' + indicator.key + '/patients?'
        + query({month, status}));
    if (answer.status !== 200) {
      document.getElementById('drill-cell').textContent = problemText(answer);
      drillTable.textContent = '';
      return;
    }
    const list = answer.body;
    document.getElementById('drill-cell').textContent = (list.month ? formatMonth(list.month) : 'The whole period, '
        + formatDate(list.from) + ' to ' + formatDate(list.to)) + ' · ' + (list.ward || 'every ward') + ' · '
        + list.icsName + ' · in the figure: ' + list.numerator;
    statuses(indicator, list, month);
    const truncated = document.getElementById('drill-truncated');
    truncated.hidden = !list.truncated;
    truncated.textContent = list.truncated ? 'Showing the first ' + list.patients.length + ' of ' + list.total
        + '. Choose a status to narrow the list.' : '';
    table(list);
    drillPanel.scrollIntoView({block: 'start'});
  }

  /** The month to show (the whole period or one month), and a button per status with its count. */
  function statuses(indicator, list, month) {
    const chips = document.getElementById('drill-statuses');
    chips.textContent = '';
    const months = el('select', {id: 'drill-month', 'aria-label': 'Month', onchange: event =>
      drill(indicator, event.target.value || null, drilled.status)});
    months.appendChild(el('option', {value: '', text: 'The whole period'}));
    const from = shown.from;
    let m = from;
    for (let i = 0; i < 36 && m <= shown.to; i++) {
      months.appendChild(el('option', {value: m, text: formatMonth(m)}));
      const [y, mm] = m.split('-').map(Number);
      m = mm === 12 ? (y + 1) + '-01' : y + '-' + String(mm + 1).padStart(2, '0');
    }
    months.value = month || '';
    chips.appendChild(months);
    const all = Object.values(list.counts).reduce((a, b) => a + b, 0);
    chips.appendChild(el('button', {type: 'button', 'data-status': '', 'aria-pressed': String(!list.status),
      text: 'All (' + all + ')', onclick: () => drill(indicator, month, null)}));
    for (const [status, count] of Object.entries(list.counts)) {
      chips.appendChild(el('button', {type: 'button', 'data-status': status,
        'aria-pressed': String(list.status === status), text: word(status) + ' (' + count + ')',
        onclick: () => drill(indicator, month, status)}));
    }
  }

  function table(list) {
    const dateKeys = [];
    const detailKeys = [];
    for (const p of list.patients) {
      Object.keys(p.dates).forEach(k => dateKeys.includes(k) || dateKeys.push(k));
      Object.keys(p.details).forEach(k => detailKeys.includes(k) || detailKeys.push(k));
    }
    const columns = [
      {key: 'pathwayId', label: 'Pathway', value: p => p.pathwayId, cell: p => pathwayLink(p.pathwayId)},
      {key: 'ward', label: 'Ward', value: p => p.ward || '', cell: p => p.ward || el('span', {class: 'muted',
        text: 'not recorded'})},
      {key: 'status', label: 'Counted as', value: p => p.status, cell: p => el('span', {
        class: p.status === 'missed' || p.status === 'overdue' ? 'late' : null, text: word(p.status)})}
    ];
    for (const key of dateKeys) {
      columns.push({key, label: DATE_LABELS[key] || word(key), value: p => p.dates[key] || '',
        cell: p => (key === 'dueAt' && !p.dates.respondedAt && p.status !== 'breached'
          ? window.MhPathway.due(p.dates[key]) : formatDateTime(p.dates[key]))});
    }
    for (const key of detailKeys) {
      columns.push({key, label: DETAIL_LABELS[key] || word(key), number: typeof list.patients[0].details[key] === 'number',
        value: p => p.details[key], cell: p => detail(p.details[key])});
    }
    sortableTable(drillTable, columns).render(list.patients);
  }

  function detail(value) {
    if (value === true) {
      return 'Yes';
    }
    if (value === false) {
      return 'No';
    }
    if (value === null || value === undefined) {
      return '';
    }
    return typeof value === 'number' ? String(value) : word(value);
  }

  const DATE_LABELS = {
    dischargedAt: 'Discharged', followUpCompletedAt: 'Followed up', diedAt: 'Died',
    dischargeNoticeGivenAt: 'Notice given', gpSummarySentAt: 'Summary sent to GP',
    readmissionReferredAt: 'Referred again', admittedAt: 'Admitted', keyStage1CompletedAt: 'Key Stage 1 done',
    dueAt: 'Due', heldAt: 'Held', startedAt: 'Began', endedAt: 'Ended', breachedAt: 'Recorded as missed',
    respondedAt: 'Answered'
  };
  const DETAIL_LABELS = {
    wardType: 'Ward type', dischargeDestination: 'Destination', slaClockBreached: '72-hour clock broken',
    reason: 'Reason', attribution: 'Attributable to', localAuthority: 'Local authority',
    startedInPeriod: 'Began in the period', bedDaysLost: 'Bed days lost', hospital: 'Hospital',
    bedDaysOutOfArea: 'Bed days out of area', daysInHospital: 'Days in hospital', what: 'Deadline', team: 'Team',
    escalationLadder: 'Escalation', escalationLevel: 'Level', escalationLevelName: 'Level reached'
  };

  document.getElementById('drill-close').addEventListener('click', () => {
    drillPanel.hidden = true;
    drilled = null;
  });

  /** The same figures as CSV, for a monthly return: the API's own CSV. */
  document.getElementById('csv').addEventListener('click', async () => {
    const response = await fetch('/api/indicators?' + query(), {credentials: 'same-origin',
      headers: {Accept: 'text/csv'}});
    if (!response.ok) {
      say(problemText({body: await response.json().catch(() => null)}), 'error');
      return;
    }
    const link = el('a', {href: URL.createObjectURL(await response.blob()),
      download: 'indicators-' + shown.ics + '-' + shown.from + '-' + shown.to + '.csv'});
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    drillPanel.hidden = true;
    load();
  });

  window.addEventListener('resize', () => charts.forEach(c => c.resize()));

  window.MhPathway.start('indicators', ['managers'], 'managers', async me => {
    window.MhPathway.icsSelect(icsField, me);
    const now = new Date();
    toField.value = monthOf(now, 0);
    fromField.value = monthOf(now, 11);
    form.hidden = false;
    await load();
  });
})();
