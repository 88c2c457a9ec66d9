// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // The cursor waits where the clerk types next: the field the page marks autofocus (after a scan found a
  // loan, its piece count), else the scan box, so a USB scanner's keystrokes land in it.
  var target = document.querySelector("input[autofocus]") || document.querySelector("input.scan");
  if (target) { target.focus(); if (target.classList.contains("scan")) { target.select(); } }
  // Ask before destructive or irreversible actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
