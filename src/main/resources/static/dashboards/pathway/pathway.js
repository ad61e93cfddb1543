// A pathway's view, opened from a dashboard's row: where the person is (GET /api/pathways/{id}), their open tasks
// and deadlines, delays, housing case and discharge events with the actions owed, and the partners' notices. What the
// user may read is the API's to decide: a part it refuses is left out.
'use strict';

(function () {
  const {el, word, formatDate, formatDateTime, getJson, problemText, say, sayWithLink, due, TASKLIST, COCKPIT} =
      window.MhPathway;

  const STAGES = {
    'assessment': 'Referred, being assessed',
    'admission': 'Admission decided',
    'key-stage-1': 'Admitted: the first 72 hours',
    'key-stage-2': 'In hospital',
    'discharge': 'Ready for discharge: being arranged',
    'delayed-discharge': 'Ready for discharge: delayed',
    'follow-up': 'Discharged: follow-up',
    'community-alternative': 'Closed: a community alternative instead',
    'completed': 'Closed: follow-up done',
    'closed-after-death': 'Closed: the person died',
    'cancelled': 'Closed: cancelled'
  };
  const DATES = {
    presentedAt: 'Presented in crisis', admittedAt: 'Admitted', keyStage1CompletedAt: 'Key Stage 1 done',
    estimatedDischargeDate: 'Estimated discharge date', crfdAt: 'Clinically ready for discharge',
    dischargedAt: 'Discharged', followUpCompletedAt: 'Followed up', gpSummarySentAt: 'Summary sent to GP',
    diedAt: 'Died', closedAt: 'Pathway closed'
  };

  function section(title, ...content) {
    return el('section', {class: 'panel'}, el('h2', {text: title}), ...content);
  }

  function simpleTable(headings, rows) {
    if (!rows.length) {
      return el('p', {class: 'muted', text: 'None.'});
    }
    return el('table', {}, el('thead', {}, el('tr', {}, headings.map(h => el('th', {scope: 'col', text: h})))),
        el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
  }

  function nhsNumber(value) {
    return value && value.length === 10 ? value.slice(0, 3) + ' ' + value.slice(3, 6) + ' ' + value.slice(6) : value;
  }

  function personName(name) {
    if (!name) {
      return 'No name given';
    }
    return [(name.given || []).join(' '), name.family].filter(Boolean).join(' ');
  }

  function actionsTable(actions, owner) {
    return simpleTable(['Who', 'Action', 'Due', 'Done'], actions.map(a => [word(owner(a)), a.action,
      a.dueDate ? el('span', {class: !a.doneAt && a.dueDate < new Date().toISOString().slice(0, 10) ? 'overdue'
          : null, text: formatDate(a.dueDate)}) : '', a.doneAt ? formatDateTime(a.doneAt) : el('span', {
        class: 'muted', text: 'not yet'})]));
  }

  async function show(me, id) {
    const answer = await getJson('/api/pathways/' + encodeURIComponent(id));
    if (answer.status !== 200) {
      say(problemText(answer), 'warning');
      return;
    }
    const p = answer.body;
    const [housing, events] = await Promise.all([
      getJson('/api/pathways/' + encodeURIComponent(id) + '/housing'),
      getJson('/api/pathways/' + encodeURIComponent(id) + '/discharge-events')]);
    document.title = id + ' – mh-pathway';
    document.getElementById('title').textContent = 'Pathway ' + id;
    const page = document.getElementById('page');
    page.textContent = '';

    const facts = el('dl', {class: 'facts'});
    const fact = (term, value) => value !== null && value !== undefined && value !== ''
        && facts.append(el('dt', {text: term}), el('dd', {}, value));
    fact('Pathway', p.pathwayId);
    fact('NHS number', nhsNumber(p.nhsNumber));
    fact('Where they are', STAGES[p.stage] || word(p.stage));
    fact('ICS', p.homeIcs);
    fact('Ward type', word(p.wardType));
    if (p.placement) {
      fact('Ward', [p.placement.ward, p.placement.hospital, p.placement.bed && 'bed ' + p.placement.bed]
          .filter(Boolean).join(', '));
    }
    const flags = [p.flags.outOfArea && 'out of area', p.flags.learningDisabilityOrAutism
        && 'learning disability or autism', p.flags.readmission && 'readmission within 30 days'].filter(Boolean);
    fact('Flags', flags.join('; '));
    const links = el('p', {});
    if (me.groups.includes('managers') || me.groups.includes('camunda-admin')) {
      const search = JSON.stringify([{type: 'PIbusinessKey', operator: 'eq', value: p.pathwayId}]);
      links.appendChild(el('a', {href: COCKPIT + '#/processes?searchQuery=' + encodeURIComponent(search),
        text: 'Its processes in Cockpit'}));
    }
    page.appendChild(el('section', {class: 'panel', id: 'person'}, el('h2', {id: 'person-name',
      text: personName(p.name)}), facts, links));

    const dates = Object.entries(DATES).filter(([key]) => p.dates[key])
        .map(([key, label]) => [label, key === 'estimatedDischargeDate' ? formatDate(p.dates[key])
          : formatDateTime(p.dates[key])]);
    page.appendChild(section('Dates', simpleTable(['', 'When'], dates)));

    page.appendChild(section('Open tasks', simpleTable(['Task', 'For', 'Due', ''], p.openTasks.map(t => [
      el('span', {}, t.name, t.description ? el('br') : null, t.description ? el('span', {class: 'muted',
        text: t.description}) : null),
      t.candidateGroups.map(word).join(', '),
      t.dueAt ? due(t.dueAt) : el('span', {class: 'muted', text: 'no deadline'}),
      t.candidateGroups.some(g => me.groups.includes(g))
        ? el('a', {href: TASKLIST + '#/?task=' + encodeURIComponent(t.taskId), text: 'Open in Tasklist'}) : ''
    ]))));

    page.appendChild(section('Timers running', simpleTable(['Timer', 'Fires'], p.slaTimers.map(t => [t.name,
      formatDateTime(t.dueAt)]))));

    page.appendChild(section('Missed deadlines', simpleTable(['Deadline', 'Team', 'Was due', 'Answered'],
        p.breaches.map(b => [b.slaName, word(b.responsibleGroup), formatDateTime(b.dueAt), b.respondedAt
          ? formatDateTime(b.respondedAt) + (b.response ? ': ' + b.response : '')
          : el('span', {class: 'overdue', text: 'not yet'})]))));

    if (p.delays) {
      page.appendChild(section('Delayed discharge', el('p', {text: p.delays.delayedDays
          + ' days delayed in this stay.'}), simpleTable(['Began', 'Ended', 'Reason', 'Attributable to',
        'Local authority', 'Level', 'Next escalation'], p.delays.periods.map(d => [formatDateTime(d.startedAt),
        d.endedAt ? formatDateTime(d.endedAt) : el('span', {class: 'overdue', text: 'still delayed'}),
        word(d.reason), word(d.attribution), d.responsibleLocalAuthority || '',
        d.escalationLevel + (d.escalationLevelName ? ': ' + d.escalationLevelName : ''),
        d.nextEscalationDue ? due(d.nextEscalationDue) : '']))));
    }

    if (housing.status === 200 && housing.body.cases.length) {
      page.appendChild(section('Housing', ...housing.body.cases.map(c => el('div', {class: 'housing-case'},
          el('p', {}, (c.housingCase.needType ? word(c.housingCase.needType) : 'Need not assessed yet')
              + (c.housingCase.chosenAuthority ? ', ' + c.housingCase.chosenAuthority : '')
              + (c.housingCase.referralSentAt ? '; referred ' + formatDate(c.housingCase.referralSentAt) : '')
              + (c.housingCase.authorityAnswer ? '; answered: ' + word(c.housingCase.authorityAnswer) : '')
              + (c.housingCase.securedAt ? '; housing secured ' + formatDate(c.housingCase.securedAt) : '')
              + (c.housingCase.escalationLevel ? '; level ' + c.housingCase.escalationLevel
                  + (c.housingCase.escalationLevelName ? ': ' + c.housingCase.escalationLevelName : '') : '')),
          actionsTable(c.actions, a => a.owner)))));
    }

    if (events.status === 200 && events.body.length) {
      page.appendChild(section('Multi-agency discharge events', ...events.body.map(e => el('div', {},
          el('p', {}, 'Convened ' + formatDateTime(e.convenedAt) + ': ' + e.reason
              + (e.agreedPlan ? '. Agreed plan: ' + e.agreedPlan : '')
              + (e.newEstimatedDischargeDate ? '. New estimated discharge date '
                  + formatDate(e.newEstimatedDischargeDate) : '')),
          actionsTable(e.actions, a => a.agencyRole)))));
    }

    page.appendChild(section('Partner notices', simpleTable(['Notice', 'To', 'Recorded', 'Delivery'],
        p.notifications.map(n => [word(n.event), word(n.recipientRole), formatDateTime(n.recordedAt),
          word(n.status)]))));
    page.hidden = false;
  }

  window.MhPathway.start('pathway', ['ward-clinicians', 'bed-management', 'community-mh-team', 'managers',
    'discharge-hub', 'housing'], 'the pathway\'s care team', async me => {
    const id = new URLSearchParams(window.location.search).get('id');
    if (!id) {
      sayWithLink('No pathway was chosen. Find the person in ', 'Tasklist', TASKLIST, '.', 'warning');
      return;
    }
    await show(me, id);
  });
})();
