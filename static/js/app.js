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
