// mh-pathway: a user whose password is right but whose groups do not open this application (the discharge hub in
// Cockpit, a clinician in Admin) is sent to the page that says where their work is, instead of Camunda's
// "Login Failed: wrong credentials, locked user or missing access rights". Loaded through config.js
// "customScripts" by Cockpit and Admin (docs/webapps.md).

const angular = window.angular;
const appName = document.querySelector('base').getAttribute('app-name');
/** Spring Boot's error page for 403 (static/error/403.html), the same page a logged-in user gets here. */
const NOT_YOUR_WORK = '/error/403.html';
/** Camunda's webapp login answers 401 for a wrong password and 403 for a right one without this application. */
const LOGIN = new RegExp('/auth/user/[^/]+/login/' + appName + '$');

angular.module('cam.' + appName).config(['$httpProvider', function($httpProvider) {
  $httpProvider.interceptors.push(['$q', function($q) {
    return {
      responseError(rejection) {
        if (rejection.status === 403 && rejection.config && LOGIN.test(rejection.config.url || '')) {
          window.location.assign(NOT_YOUR_WORK);
        }
        return $q.reject(rejection);
      }
    };
  }]);
}]);

export default [];
