// Progressive enhancement only: every page works without this script.
document.addEventListener('submit', function (event) {
  var form = event.target;
  // One click, one submission (a second one would count once anyway: the form carries a request id).
  window.setTimeout(function () {
    form.querySelectorAll('button[type=submit]').forEach(function (button) { button.disabled = true; });
  }, 0);
});
