// Progressive enhancement only: every page works without it.
// "Add a row" buttons clone the last row of the table they name (custom attributes, working hours).
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-add-row]');
  if (!button) return;
  var body = document.getElementById(button.getAttribute('data-add-row'));
  var last = body.querySelector('tr:last-child');
  var copy = last.cloneNode(true);
  var index = body.querySelectorAll('tr').length;
  copy.querySelectorAll('input').forEach(function (input) {
    input.value = '';
    input.id = input.id.replace(/\d+$/, index);
  });
  copy.querySelectorAll('label').forEach(function (label) {
    label.htmlFor = label.htmlFor.replace(/\d+$/, index);
  });
  body.appendChild(copy);
  copy.querySelector('input').focus();
});
