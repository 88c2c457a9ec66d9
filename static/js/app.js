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
// The navigation: one room open at a time; at phone width the Menu button shows and hides it (without JavaScript
// the menu simply stays unfolded: the .js class below is what folds it).
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var rooms = document.querySelectorAll(".nav details.room");
  function closeOthers(room) { rooms.forEach(function (other) { if (other !== room) { other.open = false; } }); }
  rooms.forEach(function (room) {
    // At once on the click (the toggle event comes later), and again on toggle for the keyboard.
    room.querySelector("summary").addEventListener("click", function () { closeOthers(room); });
    room.addEventListener("toggle", function () { if (room.open) { closeOthers(room); } });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".nav")) { rooms.forEach(function (room) { room.open = false; }); }
  });
  var toggle = document.querySelector(".menu-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = toggle.closest(".topbar").classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
});
// A choice that takes effect at once (the project, the language): submit its form on change.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
// The resident's signature drawn on the screen (templates/core/_signature.html): the drawing goes into the
// hidden field as a PNG data URL. Here and not in the template: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("canvas.sigpad:not([data-ready])").forEach(function (c) {
    c.setAttribute("data-ready", "1");
    var box = c.parentNode, out = box.querySelector("input.sigdata"), ctx = c.getContext("2d"), down = false, drawn = false;
    ctx.lineWidth = 2; ctx.lineCap = "round";
    function at(e) { var r = c.getBoundingClientRect(); return [(e.clientX - r.left) * c.width / r.width, (e.clientY - r.top) * c.height / r.height]; }
    c.addEventListener("pointerdown", function (e) { down = true; var p = at(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]); });
    c.addEventListener("pointermove", function (e) { if (!down) return; var p = at(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); drawn = true; });
    window.addEventListener("pointerup", function () { if (down && drawn) { out.value = c.toDataURL("image/png"); } down = false; });
    box.querySelector(".sigclear").addEventListener("click", function () { ctx.clearRect(0, 0, c.width, c.height); out.value = ""; drawn = false; });
  });
});
