// Background jobs (templates/core/_job.html): the progress bar follows the job until it ends, then the page shows
// its report. The form's button is disabled once pressed; the server disables it while a job of the kind runs.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-job-form]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    });
  });
  var box = document.querySelector("[data-job-status][data-job-active]");
  if (!box) { return; }
  var bar = box.querySelector("progress"), text = box.querySelector(".job-text");
  function poll() {
    fetch(box.getAttribute("data-job-status"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (s) {
        if (s.finished) { window.location.assign(box.getAttribute("data-job-page")); return; }
        bar.max = s.total || 1;
        bar.value = s.done;
        text.textContent = s.phase + (s.total ? " " + s.done + " / " + s.total : "");
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 400);
});
