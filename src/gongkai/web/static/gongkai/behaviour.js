// Small behaviours declared in the markup, instead of inline handlers (Content-Security-Policy, D44):
// - <select data-autosubmit>: submit its form when changed;
// - <select data-navigate="/path/0/">: go to the address with /0/ replaced by the chosen value.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (!(field instanceof HTMLSelectElement)) { return; }
  if (field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  } else if (field.dataset.navigate) {
    location.href = field.dataset.navigate.replace("/0/", "/" + encodeURIComponent(field.value) + "/");
  }
});
