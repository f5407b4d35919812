// 大字模式 (the register's large-text toggle): loaded in <head> so the class is set before the page
// paints; the button is wired once the page is read. No inline script (Content-Security-Policy, D44).
(function () {
  var root = document.documentElement;
  try {
    if (localStorage.getItem("gk-large") === "1") { root.classList.add("large-text"); }
  } catch (e) { /* storage unavailable: normal size */ }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("gk-large-toggle");
    if (!button) { return; }
    button.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
    button.addEventListener("click", function () {
      var on = root.classList.toggle("large-text");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      try { localStorage.setItem("gk-large", on ? "1" : "0"); } catch (e) { /* not kept */ }
    });
  });
})();
