// Print views: the Print and Back buttons (kept out of the page itself: the Content-Security-Policy allows no inline script).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); window.history.back(); });
  });
});
