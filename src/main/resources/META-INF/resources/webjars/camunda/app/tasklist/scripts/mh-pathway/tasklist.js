// mh-pathway's additions to Tasklist, loaded through config.js "customScripts" before Tasklist starts
// (docs/webapps.md). Nothing here is fetched from outside the service.

const angular = window.angular;
const REFERRAL_PAGE = '/referral/';
const REFERRING_GROUPS = ['bed-management', 'ward-clinicians'];

/**
 * A required field left empty in a Camunda Form. form-js checks the form when Complete is pressed and marks each
 * field in error, and Tasklist then submits nothing; but Tasklist's Camunda Forms integration hands form-js's
 * field errors ({fieldId: [messages]}) to the same completion callback as a failed request, so the form tab also
 * shows the toast "An error happened while submitting the task form", as if the service had failed. Those field
 * errors are kept on their fields: the toast is left to real failures (the service's own 400 among them), and the
 * first field in error is brought into view.
 */
function isFieldErrors(error) {
  if (!error || typeof error !== 'object' || error instanceof Error || 'message' in error || 'status' in error) {
    return false;
  }
  const values = Object.values(error);
  return values.length > 0 && values.every(Array.isArray);
}

function showFirstFieldInError(element) {
  setTimeout(() => {
    const field = element[0] && element[0].querySelector('.fjs-has-errors');
    if (!field) {
      return;
    }
    field.scrollIntoView({block: 'center'});
    const input = field.querySelector('input, textarea, select, button');
    if (input) {
      input.focus({preventScroll: true});
    }
  });
}

/**
 * A Camunda Form with a dynamic list (the person's chosen carers). form-js keeps an entry for each field of a list
 * item it has checked, even when the field is right (errors {fieldId: [<empty>]}), and Tasklist disables Complete
 * whenever the errors object has any entry: so once a carer was typed in, the form could never be completed. Here
 * Complete is kept open unless a field actually shows an error; form-js still checks every field when Complete is
 * pressed, and the service checks the values again.
 */
function keepCompleteOpenForADynamicList(controller, element) {
  const notifyFormValidated = controller.notifyFormValidated;
  if (typeof notifyFormValidated !== 'function') {
    console.warn('mh-pathway: Tasklist\'s form controller has changed; a form with a dynamic list may stay disabled');
    return;
  }
  controller.notifyFormValidated = function(invalid) {
    notifyFormValidated.call(controller, invalid);
    const form = element[0];
    if (invalid && form && form.querySelector('[class*="fjs-repeat"]')) {
      // form-js shows the errors of its state on the next render
      setTimeout(() => {
        if (!form.querySelector('.fjs-has-errors')) {
          notifyFormValidated.call(controller, false);
        }
      });
    }
  };
}

angular.module('cam.tasklist').config(['$provide', function($provide) {
  $provide.decorator('camTasklistFormDirective', ['$delegate', function($delegate) {
    const directive = $delegate[0];
    const original = directive.controller;
    if (!Array.isArray(original) || original.indexOf('$scope') < 0) {
      console.warn('mh-pathway: Tasklist\'s form directive has changed; empty required fields also show a toast');
      return $delegate;
    }
    const names = original.slice(0, -1);
    const construct = original[original.length - 1];
    directive.controller = ['$element'].concat(names, [function($element, ...locals) {
      construct.apply(this, locals);
      keepCompleteOpenForADynamicList(this, $element);
      const $scope = locals[names.indexOf('$scope')];
      const reportCompletion = $scope.onFormCompletionCallback;
      $scope.onFormCompletionCallback = function(error, result) {
        if (isFieldErrors(error)) {
          // Tasklist ends "complete in progress" after this returns, outside Angular's digest: ask for one
          $scope.$evalAsync();
          showFirstFieldInError($element);
          return undefined;
        }
        return reportCompletion.apply(this, arguments);
      };
    }]);
    return $delegate;
  }]);
}]);

/**
 * The list opens ordered by deadline: the task due soonest first, tasks without a due date after them, oldest first.
 * Tasklist takes its order from the page address and, when the address has none, sends "created, newest first" with
 * every list request, which overrides each list's own order; so the address is given the deadline order whenever it
 * has none. A user who picks another order in the list's header keeps it.
 */
const DEADLINE_FIRST = JSON.stringify([
  {sortBy: 'dueDate', sortOrder: 'asc'},
  {sortBy: 'created', sortOrder: 'asc'}
]);

angular.module('cam.tasklist').run(['$rootScope', '$location', function($rootScope, $location) {
  function orderByDeadline() {
    if ($location.path() === '/' && !$location.search().sorting) {
      $location.search('sorting', DEADLINE_FIRST).replace();
    }
  }
  $rootScope.$on('$locationChangeStart', orderByDeadline);
  orderByDeadline();
}]);

/** "Refer a person" in Tasklist's header, for the groups that take referrals (GET /api/me says which). */
const referLink = {
  id: 'mh-pathway-refer',
  pluginPoint: 'tasklist.navbar.action',
  priority: 500,
  render(node) {
    fetch('/api/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(response => (response.ok ? response.json() : null))
      .then(me => {
        if (!me || !me.groups.some(group => REFERRING_GROUPS.includes(group))) {
          return;
        }
        const link = document.createElement('a');
        link.href = REFERRAL_PAGE;
        link.id = 'refer-a-person';
        link.title = 'Refer a person: starts their pathway';
        link.innerHTML = '<span class="glyphicon glyphicon-plus"></span> Refer a person';
        node.appendChild(link);
      })
      .catch(() => undefined);
  }
};

/**
 * The dashboards in Tasklist's header, for the groups each is for: managers' indicators and deadlines, the
 * discharge hub's board (the hub has no Cockpit, so its board is reached from here), and the pathway page, opened by
 * a pathway's id, for the care team and managers. GET /api/me says the groups.
 */
const DASHBOARDS = [
  {id: 'mh-pathway-indicators', href: '/dashboards/indicators/', text: 'Indicators', groups: ['managers'],
    title: 'Indicators: each with its monthly trend and target, and the patients behind a figure'},
  {id: 'mh-pathway-deadlines', href: '/dashboards/deadlines/', text: 'Deadlines', groups: ['managers'],
    title: 'Deadlines across patients: running, due within 24 hours and missed, by ward, team and level'},
  {id: 'mh-pathway-board', href: '/dashboards/discharge-hub/', text: 'Discharge hub board',
    groups: ['discharge-hub', 'housing', 'managers'],
    title: 'Every open delayed discharge and housing case, with the actions partners owe'},
  {id: 'mh-pathway-find', href: '/dashboards/pathway/', text: 'Find a pathway',
    groups: ['ward-clinicians', 'bed-management', 'community-mh-team', 'managers'],
    title: 'Open a pathway by its id: where the person is, what is open and due, and recording a death'}
];

/**
 * GET /api/me: the user's groups decide which links there are. Asked each time the header is drawn, as the app may
 * log one user out and another in without loading the page again.
 */
function whoAmI() {
  return fetch('/api/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(response => (response.ok ? response.json() : null))
    .catch(() => null);
}

/** One header item per dashboard, as Tasklist draws its own: shown to the groups it is for. */
const dashboardLinks = DASHBOARDS.map((page, index) => ({
  id: page.id + '-item',
  pluginPoint: 'tasklist.navbar.action',
  priority: 400 - index,
  render(node) {
    whoAmI().then(user => {
      if (!user || !page.groups.some(group => user.groups.includes(group))) {
        return;
      }
      const link = document.createElement('a');
      link.href = page.href;
      link.id = page.id;
      link.title = page.title;
      link.className = 'mh-pathway-dashboard';
      link.textContent = page.text;
      node.appendChild(link);
    });
  }
}));

export default [referLink, ...dashboardLinks];
