// mh-pathway's Admin configuration: replaces the empty file of the same path in Camunda's webjar
// (docs/webapps.md).
export default {
  // a refused login (right password, not an administrator) goes to the page that says where the user's work is;
  // the script is Cockpit's, which does the same
  customScripts: ['../cockpit/scripts/mh-pathway/refused-login']
};
