// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // Keep the scan box focused so a USB scanner's keystrokes always land in it.
  var scan = document.querySelector("input.scan");
  if (scan) { scan.focus(); scan.select(); }
  // Ask before destructive or irreversible actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
